using Pipeline.Core.Tokenization;

namespace Pipeline.Cli.Commands.Generate;

/// <summary>Writes generated text as it decodes (whole UTF-8 characters only) and stops at an end-of-generation token.</summary>
internal sealed class TextStreamer(Tokenizer tokenizer, TextWriter writer)
{
    private readonly TextStream _stream = new(tokenizer);

    /// <summary>Writes <paramref name="token"/>'s text; false (stop) for an end-of-generation token, which is not written.</summary>
    public bool Add(int token)
    {
        if (tokenizer.IsEndOfGeneration(token)) return false;
        writer.Write(_stream.Add(token));
        writer.Flush();
        return true;
    }

    /// <summary>Writes what is left and ends the line.</summary>
    public void Finish()
    {
        writer.WriteLine(_stream.Flush());
        writer.Flush();
    }
}
