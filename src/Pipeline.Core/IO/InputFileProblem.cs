namespace Pipeline.Core.IO;

/// <summary>Why a file an experiment refers to cannot be used, in words that say how to fix it.</summary>
/// <param name="Message">What is wrong, e.g. <c>"data.csv" is a directory, not a file</c>.</param>
/// <param name="Hint">How to fix it.</param>
public sealed record InputFileProblem(string Message, string Hint);
