package dev.provenanceaction.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Random inputs for property tests, from one seeded generator: a fixed seed by default so CI runs
 * the same inputs every time, another one with {@code -DrandomInputs.seed=...}. {@link #check} runs
 * a property over many inputs and names the seed, the index and the input of the first that fails,
 * so the failure can be replayed.
 */
public final class RandomInputs {
  private static final String SEED_PROPERTY = "randomInputs.seed";
  private static final long DEFAULT_SEED = 20_261_125L;

  private final long seed;
  private final SplittableRandom random;

  private RandomInputs(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /** A generator seeded from {@value #SEED_PROPERTY}, or with the default seed if it is unset. */
  public static RandomInputs seeded() {
    String seed = System.getProperty(SEED_PROPERTY);
    // Long.decode, not Long.getLong: a mistyped seed must fail, not silently run the default.
    return new RandomInputs(seed == null || seed.isBlank() ? DEFAULT_SEED : Long.decode(seed));
  }

  /** A choice for {@link #weighted}, picked with a probability proportional to its weight. */
  public record Weighted<T>(int weight, Supplier<? extends T> value) {
    public Weighted {
      if (weight <= 0) {
        throw new IllegalArgumentException("weight " + weight);
      }
    }
  }

  public static <T> Weighted<T> weight(int weight, Supplier<? extends T> value) {
    return new Weighted<>(weight, value);
  }

  @SafeVarargs
  public final <T> T weighted(Weighted<? extends T>... choices) {
    int total = 0;
    for (Weighted<? extends T> choice : choices) {
      total += choice.weight();
    }
    int pick = random.nextInt(total);
    for (Weighted<? extends T> choice : choices) {
      pick -= choice.weight();
      if (pick < 0) {
        return choice.value().get();
      }
    }
    throw new IllegalStateException("unreachable: the picks add up to the total");
  }

  /** One of the values, all equally likely; a value listed twice is twice as likely. */
  @SafeVarargs
  public final <T> T oneOf(T... values) {
    return values[random.nextInt(values.length)];
  }

  public <T> T oneOf(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** A number from {@code min} to {@code max}, both included. */
  public int between(int min, int max) {
    return random.nextInt(min, max + 1);
  }

  /** A number from 0 included to 1 excluded. */
  public double fraction() {
    return random.nextDouble();
  }

  /**
   * A string of {@code minLength} to {@code maxLength} characters, each one of {@code chars}; the
   * characters are taken one by one, so a surrogate pair in {@code chars} also yields lone halves.
   */
  public String string(String chars, int minLength, int maxLength) {
    int length = between(minLength, maxLength);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(chars.charAt(random.nextInt(chars.length())));
    }
    return text.toString();
  }

  public <T> List<T> list(int minSize, int maxSize, Supplier<? extends T> element) {
    int size = between(minSize, maxSize);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(element.get());
    }
    return list;
  }

  /** Some of the values, none twice, in random order: from none of them to all of them. */
  public <T> List<T> subset(List<T> values) {
    List<T> shuffled = new ArrayList<>(values);
    int size = between(0, values.size());
    for (int i = 0; i < size; i++) {
      int j = between(i, shuffled.size() - 1);
      shuffled.set(j, shuffled.set(i, shuffled.get(j)));
    }
    return List.copyOf(shuffled.subList(0, size));
  }

  public byte[] bytes(int maxLength) {
    byte[] bytes = new byte[between(0, maxLength)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  /**
   * Runs {@code property} on {@code count} inputs made by {@code generator}, one after the other
   * from this generator, so the same seed makes the same inputs and fails at the same index; prints
   * on one line how many inputs ended in each outcome the property returned, and returns the
   * counts.
   *
   * @param name the property, for the printed line
   * @param property checks one input and returns the name of its outcome; an assertion error or an
   *     unexpected runtime exception from it fails the check with the seed, index and input
   */
  public <T> Outcomes check(
      String name, int count, Function<RandomInputs, T> generator, Function<T, String> property) {
    Map<String, Integer> counts = new TreeMap<>();
    for (int index = 0; index < count; index++) {
      T input = generator.apply(this);
      String outcome;
      try {
        outcome = property.apply(input);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            name
                + " fails for input "
                + index
                + " of seed "
                + seed
                + " (replay with -D"
                + SEED_PROPERTY
                + "="
                + seed
                + "): "
                + e
                + "\ninput: "
                + escape(String.valueOf(input)),
            e);
      }
      counts.merge(
          Objects.requireNonNull(outcome, "the property named no outcome"), 1, Integer::sum);
    }
    System.out.println(name + ": " + counts + " of " + count + " inputs, seed " + seed);
    return new Outcomes(Collections.unmodifiableMap(counts), count);
  }

  /** How many of the {@code total} inputs ended in each outcome. */
  public record Outcomes(Map<String, Integer> counts, int total) {
    /**
     * Asserts that each of these outcomes took at least this share of the inputs, which shows both
     * that the property was tested on each side and that the generator reaches it.
     */
    public void assertEachAtLeast(double share, String... outcomes) {
      for (String outcome : outcomes) {
        int seen = counts.getOrDefault(outcome, 0);
        assertTrue(
            seen >= share * total,
            outcome + " in " + seen + " of " + total + " inputs, under " + share + ": " + counts);
      }
    }
  }

  /** The text as a Java string literal: printable ASCII as is, every other character escaped. */
  private static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> escaped.append("\\\"");
        case '\\' -> escaped.append("\\\\");
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        case '\t' -> escaped.append("\\t");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            escaped.append(c);
          } else {
            escaped.append(String.format("\\u%04x", (int) c));
          }
        }
      }
    }
    return escaped.append('"').toString();
  }
}
