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
        var root = new RootCommand("OligoDecide: ESTRO/EORTC oligometastatic classification and evidence-cited options for the tumour board.");
        foreach (var command in Commands.All(io))
        {
            root.Subcommands.Add(command);
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine("error: " + error.Message);
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
}

/// <summary>The writers a command prints to (stdout for results, stderr for errors).</summary>
internal sealed record CliIo(TextWriter Out, TextWriter Err);
