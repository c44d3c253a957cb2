package dev.modelsweep.activities.device;

import ai.djl.Device;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The devices of a worker's training slots, one per slot, leased by each trial for its training
 * and evaluation. With GPUs a worker has GPUs x slots-per-GPU slots, listed round-robin ({@code
 * gpu0, gpu1, gpu0, gpu1}), so that trials spread over the GPUs before any GPU takes a second one;
 * on CPU every slot is {@code cpu}. Thread-safe.
 *
 * <p>A worker runs at most as many activities as it has slots, so a lease never waits in
 * practice; if it must, it waits for a slot's lease to end.
 */
public final class DeviceLeases {

  private static final Pattern NAME = Pattern.compile("cpu|gpu(\\d+)");

  /** A leased device; closing it gives the slot back. */
  public interface Lease extends AutoCloseable {
    /** The device name, {@code cpu} or {@code gpuN}. */
    String name();

    /** The device for DJL. */
    default Device device() {
      return DeviceLeases.device(name());
    }

    @Override
    void close();
  }

  private final BlockingQueue<String> free;
  private final List<String> devices;

  /**
   * @param devices one name per slot, {@code cpu} or {@code gpuN}
   * @throws IllegalArgumentException if the list is empty or holds another name
   */
  public DeviceLeases(List<String> devices) {
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("a worker needs at least one training slot");
    }
    for (String d : devices) {
      device(d);
    }
    this.devices = List.copyOf(devices);
    this.free = new ArrayBlockingQueue<>(devices.size(), true, devices);
  }

  /** {@code slots} CPU slots. */
  public static DeviceLeases cpu(int slots) {
    return new DeviceLeases(java.util.Collections.nCopies(slots, "cpu"));
  }

  /** Every slot's device, in lease order. */
  public List<String> devices() {
    return devices;
  }

  /** Takes a slot's device until the lease is closed; waits if every slot is leased. */
  public Lease lease() throws InterruptedException {
    String name = free.take();
    return new Lease() {
      private boolean closed;

      @Override
      public String name() {
        return name;
      }

      @Override
      public synchronized void close() {
        if (!closed) {
          closed = true;
          free.add(name);
        }
      }
    };
  }

  /** The DJL device of a slot name. */
  static Device device(String name) {
    Matcher m = NAME.matcher(String.valueOf(name));
    if (!m.matches()) {
      throw new IllegalArgumentException("device '" + name + "' is neither cpu nor gpuN");
    }
    return m.group(1) == null ? Device.cpu() : Device.gpu(Integer.parseInt(m.group(1)));
  }
}
