package dev.modelsweep.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.modelsweep.spec.SpecParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs a {@link SchedulerState} into compact bytes and back, exactly: a 10,000-trial sweep's
 * every observation and rung value must cross continue-as-new, and as JSON they would not fit a
 * reasonable payload. Numbers are written as varints or raw IEEE doubles (so a decoded state
 * decides bit for bit as the original), names and strings once each in a table. Carried as a
 * binary payload, which Temporal stores as is, without base64.
 *
 * <p>Layout (version 2): version, proposed, exhausted, epochsTrained, the string table, the running
 * trials (each with its {@link RunningTrial.Phase} and, held, its loss), the observations, the
 * rungs. Version 1, without phases, is written while every running trial trains, as sweeps
 * recorded before phases wrote it, and read as all training. A trial's parameters are the table
 * entry of their names, then each value is a tag and its data: null, Integer, Long, Double,
 * String, Boolean, or any other JSON value (a list or object a choice may hold) as JSON text in
 * the table.
 */
public final class SchedulerStateCodec {

  private static final int VERSION = 2;
  private static final int VERSION_WITHOUT_PHASES = 1;
  private static final int NULL = 0;
  private static final int INT = 1;
  private static final int LONG = 2;
  private static final int DOUBLE = 3;
  private static final int STRING = 4;
  private static final int TRUE = 5;
  private static final int FALSE = 6;
  private static final int JSON = 7;
  /** Joins a trial's parameter names into one table entry; no field path contains it. */
  private static final String KEY_SEPARATOR = "\u0000";

  private SchedulerStateCodec() {}

  public static byte[] encode(SchedulerState state) {
    try {
      Map<String, Integer> table = new LinkedHashMap<>();
      ByteArrayOutputStream bodyBytes = new ByteArrayOutputStream();
      DataOutputStream body = new DataOutputStream(bodyBytes);
      boolean phases = state.running().stream().anyMatch(t -> t.phase() != RunningTrial.Phase.TRAINING);
      varint(body, state.running().size());
      for (RunningTrial t : state.running()) {
        varint(body, t.index());
        varint(body, t.epochs());
        varint(body, t.reached());
        varint(body, t.target());
        if (phases) {
          varint(body, t.phase().ordinal());
          if (t.phase() == RunningTrial.Phase.HELD) {
            body.writeDouble(t.loss());
          }
        }
        params(body, t.params(), table);
      }
      varint(body, state.observations().size());
      for (Observation o : state.observations()) {
        varint(body, o.index());
        varint(body, o.epochs());
        body.writeBoolean(o.feasible());
        doubles(body, o.losses());
        params(body, o.params(), table);
      }
      varint(body, state.rungs().size());
      for (Rungs.Rung r : state.rungs()) {
        varint(body, r.bracket());
        varint(body, r.epoch());
        doubles(body, r.losses());
      }
      body.flush();

      ByteArrayOutputStream all = new ByteArrayOutputStream(bodyBytes.size() + 64);
      DataOutputStream out = new DataOutputStream(all);
      varint(out, phases ? VERSION : VERSION_WITHOUT_PHASES);
      varint(out, state.proposed());
      out.writeBoolean(state.exhausted());
      varint(out, state.epochsTrained());
      varint(out, table.size());
      for (String s : table.keySet()) {
        out.writeUTF(s);
      }
      bodyBytes.writeTo(out);
      out.flush();
      return all.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen in memory", e);
    }
  }

  public static SchedulerState decode(byte[] bytes) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      long version = readVarint(in);
      if (version != VERSION && version != VERSION_WITHOUT_PHASES) {
        throw new IllegalArgumentException("scheduler state version " + version + ", expected "
            + VERSION_WITHOUT_PHASES + " or " + VERSION);
      }
      int proposed = (int) readVarint(in);
      boolean exhausted = in.readBoolean();
      long epochsTrained = readVarint(in);
      List<String> table = new ArrayList<>();
      for (long i = readVarint(in); i > 0; i--) {
        table.add(in.readUTF());
      }
      List<RunningTrial> running = new ArrayList<>();
      for (long i = readVarint(in); i > 0; i--) {
        int index = (int) readVarint(in);
        int epochs = (int) readVarint(in);
        int reached = (int) readVarint(in);
        int target = (int) readVarint(in);
        RunningTrial.Phase phase = RunningTrial.Phase.TRAINING;
        double loss = Double.NaN;
        if (version == VERSION) {
          long tag = readVarint(in);
          if (tag >= RunningTrial.Phase.values().length) {
            throw new IOException("unknown trial phase " + tag);
          }
          phase = RunningTrial.Phase.values()[(int) tag];
          if (phase == RunningTrial.Phase.HELD) {
            loss = in.readDouble();
          }
        }
        running.add(new RunningTrial(index, readParams(in, table), epochs, reached, target, phase, loss));
      }
      List<Observation> observations = new ArrayList<>();
      for (long i = readVarint(in); i > 0; i--) {
        int index = (int) readVarint(in);
        int epochs = (int) readVarint(in);
        boolean feasible = in.readBoolean();
        List<Double> losses = readDoubles(in);
        observations.add(new Observation(index, readParams(in, table), losses, epochs, feasible));
      }
      List<Rungs.Rung> rungs = new ArrayList<>();
      for (long i = readVarint(in); i > 0; i--) {
        int bracket = (int) readVarint(in);
        int epoch = (int) readVarint(in);
        rungs.add(new Rungs.Rung(bracket, epoch, readDoubles(in)));
      }
      return new SchedulerState(proposed, exhausted, epochsTrained, running, observations, rungs);
    } catch (IOException e) {
      throw new IllegalArgumentException("scheduler state is truncated or corrupt", e);
    }
  }

  private static void params(DataOutputStream out, Map<String, Object> params, Map<String, Integer> table)
      throws IOException {
    // The names once per distinct set (a space has few: one per combination of active conditions).
    varint(out, intern(table, String.join(KEY_SEPARATOR, params.keySet())));
    for (Object v : params.values()) {
      if (v == null) {
        varint(out, NULL);
      } else if (v instanceof Integer i) {
        varint(out, INT);
        varint(out, zigzag(i));
      } else if (v instanceof Long l) {
        varint(out, LONG);
        varint(out, zigzag(l));
      } else if (v instanceof Double d) {
        varint(out, DOUBLE);
        out.writeDouble(d);
      } else if (v instanceof String s) {
        varint(out, STRING);
        varint(out, intern(table, s));
      } else if (v instanceof Boolean b) {
        varint(out, b ? TRUE : FALSE);
      } else {
        varint(out, JSON);
        varint(out, intern(table, SpecParser.mapper().writeValueAsString(v)));
      }
    }
  }

  private static Map<String, Object> readParams(DataInputStream in, List<String> table) throws IOException {
    Map<String, Object> params = new LinkedHashMap<>();
    String names = table.get((int) readVarint(in));
    for (String key : names.isEmpty() ? new String[0] : names.split(KEY_SEPARATOR, -1)) {
      int tag = (int) readVarint(in);
      Object value = switch (tag) {
        case NULL -> null;
        case INT -> (int) unzigzag(readVarint(in));
        case LONG -> unzigzag(readVarint(in));
        case DOUBLE -> in.readDouble();
        case STRING -> table.get((int) readVarint(in));
        case TRUE -> true;
        case FALSE -> false;
        case JSON -> json(table.get((int) readVarint(in)));
        default -> throw new IOException("unknown value tag " + tag);
      };
      params.put(key, value);
    }
    return params;
  }

  private static Object json(String text) throws IOException {
    try {
      return SpecParser.mapper().readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IOException("bad JSON value in scheduler state", e);
    }
  }

  private static int intern(Map<String, Integer> table, String s) {
    return table.computeIfAbsent(s, k -> table.size());
  }

  private static void doubles(DataOutputStream out, List<Double> values) throws IOException {
    varint(out, values.size());
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  private static List<Double> readDoubles(DataInputStream in) throws IOException {
    List<Double> values = new ArrayList<>();
    for (long i = readVarint(in); i > 0; i--) {
      values.add(in.readDouble());
    }
    return values;
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  /** Unsigned LEB128: 7 bits a byte, low bits first. */
  private static void varint(DataOutputStream out, long v) throws IOException {
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  private static long readVarint(DataInputStream in) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IOException("varint longer than 64 bits");
  }
}
