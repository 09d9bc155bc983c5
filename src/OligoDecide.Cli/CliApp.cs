using System.CommandLine;

namespace OligoDecide.Cli;

/// <summary>
/// The <c>oligodecide</c> command line. Exit codes: 0 done, 1 internal failure, 2 invalid input or usage,
/// 3 checks failed (<c>test</c>: an expectation did not hold; <c>coverage</c>: under <c>--min</c>).
/// </summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int InternalFailure = 1;
    public const int InvalidInput = 2;
    public const int ChecksFailed = 3;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var io = new CliIo(stdout, stderr);
        // Named oligodecide whatever the process is called (a RootCommand takes the executable's name,
        // which is OligoDecide.Cli under dotnet run): help, usage and errors say the tool's command.
        var root = new Command("oligodecide", "OligoDecide: ESTRO/EORTC oligometastatic classification and evidence-cited options for the tumour board.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };
        foreach (var command in Commands.All(io))
        {
            root.Subcommands.Add(command);
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            if (parsed.CommandResult.Command == root && parsed.UnmatchedTokens.Count > 0)
            {
                // One error for an unknown command (the parser reports it twice: unrecognised, and no command given).
                stderr.WriteLine($"error: unknown command '{Printable(parsed.UnmatchedTokens[0])}'. Commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))}.");
            }
            else
            {
                foreach (var error in parsed.Errors)
                {
                    stderr.WriteLine("error: " + error.Message);
                }
            }

            stderr.WriteLine("Run 'oligodecide --help' for usage.");
            return InvalidInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // No stack trace and no message text: a message could carry patient data.
            stderr.WriteLine($"internal error: {ex.GetType().Name}. Please report it with the command you ran.");
            return InternalFailure;
        }
    }

    /// <summary>An echoed argument: control characters replaced, at most 40 characters.</summary>
    private static string Printable(string token)
    {
        var clean = new string([.. token.Select(c => char.IsControl(c) ? '?' : c)]);
        return clean.Length <= 40 ? clean : clean[..40] + "…";
    }
}

/// <summary>The writers a command prints to (stdout for results, stderr for errors).</summary>
internal sealed record CliIo(TextWriter Out, TextWriter Err);
