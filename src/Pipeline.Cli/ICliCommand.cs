using System.CommandLine;

namespace Pipeline.Cli;

/// <summary>One verb of the <c>pipeline</c> command (one folder under <c>Commands/</c> each).</summary>
internal interface ICliCommand
{
    /// <summary>Builds the System.CommandLine command whose action returns an exit code.</summary>
    Command Build(CliOutput output);
}
