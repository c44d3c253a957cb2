package dev.modelsweep.worker.chaos;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.worker.EmbeddedTemporal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos harness's case: a worker in its own JVM on an embedded service of another process.
 * That service never times out a killed worker's sticky queue, so this worker must keep no sticky
 * workflow cache, even though workers in the service's own process do.
 */
class OutOfProcessWorkerTest {

  @Test
  void aWorkerInAnotherProcessThanItsInMemoryServiceUsesNoStickyQueues(@TempDir Path artifacts) throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
        WorkerProcess worker = WorkerProcess.start(temporal.target(), artifacts, List.of(), lines::add)) {
      String polling = null;
      for (String line = lines.poll(120, TimeUnit.SECONDS); line != null; line = lines.poll(120, TimeUnit.SECONDS)) {
        if (line.startsWith("worker polling")) {
          polling = line;
          break;
        }
      }
      assertNotNull(polling, "the worker never said it was polling");
      assertTrue(polling.contains("no sticky workflow cache"), polling);
    }
  }
}
