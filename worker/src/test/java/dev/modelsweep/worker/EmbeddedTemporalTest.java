package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedTemporalTest {

  @Test
  void answersGrpcOnLoopback() {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0)) {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      try {
        assertTrue(stubs.blockingStub()
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance()).hasCapabilities());
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  /**
   * The in-memory service never times out a dead worker's sticky queue; a worker in its own process
   * dies with it, so it keeps a sticky workflow cache there (the out-of-process case is {@code
   * chaos.OutOfProcessWorkerTest}), unless its config turns the cache off.
   */
  @Test
  void workersInItsOwnProcessUseStickyQueuesUnlessTurnedOff(@TempDir Path artifacts) {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder().setTarget(temporal.target()).build())) {
      WorkerConfig.Builder config = WorkerConfig.newBuilder().setArtifactRoot(artifacts).setTraining(false);
      try (SweepWorker worker = SweepWorker.start(client.workflowClient(), config.build())) {
        assertTrue(worker.stickyQueues());
      }
      try (SweepWorker worker = SweepWorker.start(client.workflowClient(), config.setStickyCache(false).build())) {
        assertFalse(worker.stickyQueues());
      }
    }
  }

  @Test
  void onlyItsOwnLoopbackPortCountsAsInThisProcess() {
    int port;
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0)) {
      port = temporal.port();
      assertTrue(EmbeddedTemporal.servesInThisProcess(temporal.target()));
      assertTrue(EmbeddedTemporal.servesInThisProcess("localhost:" + port));
      assertFalse(EmbeddedTemporal.servesInThisProcess("10.0.0.5:" + port));
      assertFalse(EmbeddedTemporal.servesInThisProcess("127.0.0.1:" + (port == 1 ? 2 : 1)));
    }
    assertFalse(EmbeddedTemporal.servesInThisProcess("127.0.0.1:" + port), "closed");
  }

  @Test
  void anUnreachableServiceCountsAsInMemory() {
    WorkflowServiceStubs nowhere = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1").build());
    try {
      assertFalse(SweepWorker.isRealServer(nowhere));
    } finally {
      nowhere.shutdownNow();
    }
  }

  @Test
  void isNotReachableOnOtherInterfaces() throws IOException {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0)) {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address.isLoopbackAddress() || !(address instanceof Inet4Address)) {
            continue;
          }
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, temporal.port()), 500);
            fail("embedded Temporal answers on " + address + ":" + temporal.port());
          } catch (IOException refused) {
            // expected: only 127.0.0.1 listens
          }
        }
      }
    }
  }

  @Test
  void busyPortGivesAClearError() {
    try (EmbeddedTemporal first = EmbeddedTemporal.start(0)) {
      UncheckedIOException e =
          assertThrows(UncheckedIOException.class, () -> EmbeddedTemporal.start(first.port()));
      assertTrue(e.getMessage().contains("--port"), e.getMessage());
    }
  }
}
