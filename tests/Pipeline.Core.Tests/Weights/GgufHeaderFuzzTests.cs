using System.Buffers.Binary;
using Pipeline.Core.Weights;

namespace Pipeline.Core.Tests.Weights;

/// <summary>
/// Seeded mutations of a valid GGUF file, like the DSL's and the trace's mutation fuzzers: the header reader never
/// throws, every problem is located at a byte of the input, and a header it accepts only describes data inside the
/// file. Bounded by work (a fixed number of inputs of a fixed size), not by a clock.
/// </summary>
public sealed class GgufHeaderFuzzTests
{
    private const int Inputs = 4000;

    /// <summary>Values that break counts, lengths, dimensions, types and offsets when written over a field.</summary>
    private static readonly ulong[] Extremes = [0, 1, 3, 9, 13, 31, 33, 99, 255, 0xFFFF_FFFF, 1UL << 32, 1UL << 40, 1UL << 62, long.MaxValue, ulong.MaxValue];

    [Fact]
    public void Thousands_of_mutated_headers_never_crash_and_every_problem_is_on_a_byte_of_the_file()
    {
        var seed = Fixtures.Tiny;
        var headerEnd = (int)GgufHeaderReader.Read(new MemoryStream(seed)).Header!.DataStart;
        var random = new Random(20261201);
        var outcomes = new int[2];
        for (var i = 0; i < Inputs; i++)
        {
            var bytes = Mutate(seed, headerEnd, random);
            GgufHeaderResult result;
            try
            {
                result = GgufHeaderReader.Read(new MemoryStream(bytes));
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"input {i} ({bytes.Length} bytes) crashed the reader", e);
            }

            if ((result.Header is null) != (result.Problem is not null)) throw new Xunit.Sdk.XunitException($"input {i} has a header and a problem, or neither");
            if (result.Problem is { } problem)
            {
                if (problem.Offset < 0 || problem.Offset > bytes.Length || string.IsNullOrWhiteSpace(problem.Message))
                {
                    throw new Xunit.Sdk.XunitException($"input {i} ({bytes.Length} bytes): problem at {problem.Offset}: {problem.Message}");
                }
                outcomes[0]++;
            }
            else
            {
                var header = result.Header!;
                if (header.Tensors.FirstOrDefault(t => header.DataStart + t.Offset + t.ByteLength > bytes.Length) is { } outside)
                {
                    throw new Xunit.Sdk.XunitException($"input {i}: accepted tensor '{outside.Name}' whose data ends past the file");
                }
                outcomes[1]++;
            }
        }
        // The mutations reach both outcomes, so neither check above is vacuous.
        outcomes.Should().OnlyContain(n => n > Inputs / 20);
    }

    private static byte[] Mutate(byte[] seed, int headerEnd, Random random)
    {
        var bytes = (byte[])seed.Clone();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            if (bytes.Length == 0) break;
            var at = random.Next(Math.Min(headerEnd, bytes.Length));
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when at + 8 <= bytes.Length:
                    BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), Extremes[random.Next(Extremes.Length)]);
                    break;
                case 2:
                    bytes = bytes[..random.Next(bytes.Length)];
                    break;
                default:
                    // Leave the file as it is at this edit: some inputs stay valid, so acceptance is exercised too.
                    break;
            }
        }
        return bytes;
    }
}
