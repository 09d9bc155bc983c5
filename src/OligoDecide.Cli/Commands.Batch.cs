using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using OligoDecide.Classification;
using OligoDecide.Cli.Batch;
using OligoDecide.Coverage;
using OligoDecide.Documents;
using OligoDecide.Synthetic;
using Spectre.Console;

namespace OligoDecide.Cli;

internal static partial class Commands
{
    private static Command Generate(CliIo io)
    {
        var count = new Option<int>("--count") { Description = "How many patients to write.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed writes the same patients.", DefaultValueFactory = _ => 1 };
        var outFile = new Option<string?>("--out") { Description = "The NDJSON file to write (default: standard output)." };
        var command = new Command("generate", "Write realistic synthetic patients (all classification states) as NDJSON, one patient document per line.") { count, seed, outFile };
        command.SetAction(parsed =>
        {
            var n = parsed.GetValue(count);
            if (n < 0)
            {
                io.Err.WriteLine("error: --count must be 0 or more");
                return CliApp.InvalidInput;
            }

            using var output = OpenOutput(parsed.GetValue(outFile), io);
            var generator = new PatientGenerator(parsed.GetValue(seed));
            for (var i = 0; i < n; i++)
            {
                output.Write(generator.NextUtf8().Span);
                output.WriteByte((byte)'\n');
            }

            output.Flush();
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Screen(CliIo io)
    {
        var input = new Argument<string>("input") { Description = "An NDJSON file (one patient document per line) or a folder of case files (.yaml, .yml, .json)." };
        var outFile = new Option<string?>("--out") { Description = "The NDJSON file to write decisions to (default: standard output)." };
        var rules = RulesOption();
        var parallel = new Option<int>("--parallel") { Description = "Worker threads sharing one engine (default: the number of processors).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var verbose = new Option<bool>("--verbose") { Description = "Also print the elapsed time, the rate and the peak memory (VmHWM) of the process." };
        var verify = VerifyOption();
        var fullOutput = new Option<bool>("--full") { Description = "Write each whole decision (classification path, texts, full citations) as 'suggest --format json' does, instead of the compact line." };
        var assessedOn = AssessedOnOption();
        var command = new Command("screen", """
            Screen many patients: one compact decision (JSON) per valid input document, in input order, as NDJSON.
            Each line starts with "input" (source, line, the document's id) so it can be joined back to its patient;
            suggestions cite evidence by citation id (--full writes the whole decision with full citations).
            Invalid documents are reported on stderr with their line (or file) and error and skipped; the batch goes on.
            A summary (counts per state and per option, invalid documents) goes to stderr. Blank lines are ignored.
            Exit codes: 0 every document valid; 2 some document invalid (or bad rules/usage); 1 an internal failure on some document
            (with --verify: also when the evaluator and the NRules compilation disagree on a document).
            A folder may hold FHIR R4 Bundles (.json); --assessed-on gives their assessment date when they have no timestamp.
            """) { input, outFile, rules, parallel, verbose, fullOutput, assessedOn, verify };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(input)!;
            var workers = parsed.GetValue(parallel);
            if (workers < 1)
            {
                io.Err.WriteLine("error: --parallel must be at least 1");
                return CliApp.InvalidInput;
            }

            IEnumerable<BatchItem> items;
            long total;
            if (Directory.Exists(path))
            {
                var files = CaseRunner.FindCases([path]);
                items = FolderItems(files);
                total = files.Count;
            }
            else if (File.Exists(path))
            {
                items = NdjsonItems(path);
                total = new FileInfo(path).Length;
            }
            else
            {
                io.Err.WriteLine($"error: '{path}' is neither a file nor a folder");
                return CliApp.InvalidInput;
            }

            var engine = LoadEngine(parsed.GetValue(rules), io, parsed.GetValue(verify), batch: true);
            if (engine is null)
            {
                return CliApp.InvalidInput;
            }

            using var output = OpenOutput(parsed.GetValue(outFile), io);
            var date = ParseDate(parsed.GetValue(assessedOn));
            var screener = new BatchScreener(engine, workers, parsed.GetValue(fullOutput), loadFile: p => LoadCase(p, date));
            var clock = Stopwatch.StartNew();

            // SIGTERM (a scheduler stopping the job) or SIGINT: finish the chunk being written, flush, and stop,
            // so the output ends on a whole line instead of wherever the process was killed.
            using var stop = new CancellationTokenSource();
            var signal = 0;
            void OnSignal(PosixSignalContext ctx)
            {
                ctx.Cancel = true;
                signal = ctx.Signal == PosixSignal.SIGTERM ? 15 : 2;
                stop.Cancel();
            }

            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            var summary = ShowProgress(io)
                ? RunWithProgress(screener, items, output, total, clock, stop.Token)
                : screener.RunAsync(items, output, io.Err.WriteLine, null, stop.Token).GetAwaiter().GetResult();
            clock.Stop();
            WriteSummary(summary, clock.Elapsed, parsed.GetValue(verbose), io);
            if (summary.Interrupted)
            {
                io.Err.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, "screen: stopped by a signal after {0:N0} document(s); the output ends on a whole line", summary.Input));
                return 128 + Math.Max(signal, 2);
            }

            return summary.Failed > 0 ? CliApp.InternalFailure : summary.Invalid > 0 ? CliApp.InvalidInput : CliApp.Ok;
        });
        return command;
    }

    private static bool ShowProgress(CliIo io) => ReferenceEquals(io.Err, Console.Error) && !Console.IsErrorRedirected;

    private static BatchSummary RunWithProgress(BatchScreener screener, IEnumerable<BatchItem> items, Stream output, long total, Stopwatch clock, CancellationToken cancel)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        BatchSummary? result = null;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("screening", maxValue: Math.Max(1, total));
                result = screener.RunAsync(items, output, e => console.MarkupLineInterpolated($"[red]{e}[/]"), (s, position) =>
                {
                    var seconds = Math.Max(0.001, clock.Elapsed.TotalSeconds);
                    task.Description = $"{s.Input:N0} patients, {s.Input / seconds:N0}/s";
                    task.Value = position;
                }, cancel).GetAwaiter().GetResult();
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static IEnumerable<BatchItem> NdjsonItems(string path)
    {
        var source = Path.GetFileName(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

        // Each line is one document: the same size limit and strict UTF-8 as a case file.
        foreach (var (line, utf8, error, end) in TextFile.Lines(stream, DocumentLimits.Default.MaxBytes))
        {
            if (error is not null || !TextFile.IsBlank(utf8))
            {
                yield return new BatchItem(source, line, utf8, null, end, error);
            }
        }
    }

    private static IEnumerable<BatchItem> FolderItems(IReadOnlyList<string> files) =>
        files.Select((f, i) => new BatchItem(Path.GetFileName(f), 0, null, f, i + 1));

    private static Stream OpenOutput(string? path, CliIo io) =>
        path is not null ? new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16)
        : ReferenceEquals(io.Out, Console.Out) ? new BufferedStream(Console.OpenStandardOutput(), 1 << 16)
        : new TextWriterStream(io.Out);

    private static void WriteSummary(BatchSummary s, TimeSpan elapsed, bool verbose, CliIo io)
    {
        var inv = CultureInfo.InvariantCulture;
        io.Err.WriteLine(string.Format(inv, "screened {0:N0} document(s): {1:N0} decision(s), {2:N0} invalid, {3:N0} failed", s.Input, s.Decisions, s.Invalid, s.Failed));
        io.Err.WriteLine("states:");
        for (var i = 0; i < s.States.Length; i++)
        {
            io.Err.WriteLine(string.Format(inv, "  {0,-32} {1,12:N0}", ((OligometastaticState)i).Id(), s.States[i]));
        }

        io.Err.WriteLine("options (active suggestions):");
        foreach (var (option, n) in s.Options.OrderByDescending(o => o.Value).ThenBy(o => o.Key, StringComparer.Ordinal))
        {
            io.Err.WriteLine(string.Format(inv, "  {0,-42} {1,12:N0}", option, n));
        }

        if (verbose)
        {
            var seconds = Math.Max(0.001, elapsed.TotalSeconds);
            io.Err.WriteLine(string.Format(inv, "elapsed {0:F2} s, {1:N0} documents/s, peak memory (VmHWM) {2}", seconds, s.Input / seconds, PeakMemory()));
        }
    }

    /// <summary>The process's peak resident set size from /proc/self/status, or "unknown" off Linux.</summary>
    private static string PeakMemory()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? "unknown" : line["VmHWM:".Length..].Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    /// <summary>Writes UTF-8 bytes to a <see cref="TextWriter"/> (used when the command runs in-process, as in tests).</summary>
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        private readonly Decoder decoder = new UTF8Encoding(false).GetDecoder();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var chars = new char[decoder.GetCharCount(buffer, flush: false)];
            decoder.GetChars(buffer, chars, flush: false);
            writer.Write(chars);
        }
    }
}
