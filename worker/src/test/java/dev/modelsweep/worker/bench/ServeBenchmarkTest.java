package dev.modelsweep.worker.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeBenchmarkTest {

  @TempDir Path sys;

  @Test
  void aMonitorIsRunningWhenAnyStateReadsOn() throws IOException {
    monitor("0", "off\n");
    assertFalse(ServeBenchmark.kernelMemoryMonitorRunning(sys));
    monitor("1", "on\n");
    assertTrue(ServeBenchmark.kernelMemoryMonitorRunning(sys));
  }

  @Test
  void noDamonOnTheKernelIsNoMonitor() {
    assertFalse(ServeBenchmark.kernelMemoryMonitorRunning(sys.resolve("absent")));
  }

  private void monitor(String name, String state) throws IOException {
    Files.createDirectories(sys.resolve(name));
    Files.writeString(sys.resolve(name).resolve("state"), state);
  }
}
