package dev.modelsweep.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A number beyond double range is refused at its JSON path, not with a raw parsing error. */
class HugeNumberTest {

  @Test
  void aNumberBeyondDoubleRangeInValuesNamesItsPath() {
    String json = MalformedSpecs.BASE.replace("\"values\": [32, 64, 128]", "\"values\": [32, 1e309, 128]");
    String message = assertThrows(SpecException.class, () -> SpecParser.parse(json)).getMessage();
    System.out.println(message);
    assertTrue(message.contains("$.search.space['model.width'].values[1]"), message);
    assertTrue(message.contains("beyond the range of a double"), message);
    assertFalse(message.contains("Exception"), message);
  }
}
