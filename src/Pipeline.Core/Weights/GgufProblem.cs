namespace Pipeline.Core.Weights;

/// <summary>Why a GGUF header cannot be read, located at a byte of the file.</summary>
/// <param name="Offset">Byte offset where the problem was found.</param>
/// <param name="Message">What is wrong, e.g. <c>bad magic 0x00000000 (expected "GGUF")</c>.</param>
public sealed record GgufProblem(long Offset, string Message);
