package dev.modelsweep.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchSearchCommandTest {

  @Test
  void seedsTakeListsAndRanges() {
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), BenchSearchCommand.parseSeeds("0-4"));
    assertEquals(List.of(1L, 3L, 7L), BenchSearchCommand.parseSeeds("1,3,7"));
    assertEquals(List.of(0L, 1L, 9L), BenchSearchCommand.parseSeeds("0-1, 9"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchSearchCommand.parseSeeds("4-0")).getMessage()
        .startsWith("--seeds"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchSearchCommand.parseSeeds("x")).getMessage()
        .startsWith("--seeds"));
  }

  @Test
  void isASubcommandOfBenchWithItsDefaults() {
    CommandLine.ParseResult parsed = new CommandLine(new ModelSweepCli()).parseArgs("bench", "search");
    BenchSearchCommand command = (BenchSearchCommand) parsed.subcommand().subcommand().commandSpec().userObject();
    assertEquals(List.of("random", "tpe", "gp", "random+asha", "tpe+asha", "tpe+hyperband"), command.combos);
    assertEquals("0-4", command.seeds);
    assertEquals("letter", command.dataset);
    assertEquals(1, command.slots);
  }
}
