using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Output;

namespace OligoDecide.Cli.Batch;

/// <summary>One input document: where it came from and its text.</summary>
/// <param name="Source">The file name, used in error reports.</param>
/// <param name="Line">The 1-based line in an NDJSON file, or 0 for a whole case file.</param>
/// <param name="Utf8">The document as UTF-8 (one NDJSON line, already checked as strict UTF-8), or null to read <paramref name="FilePath"/>.</param>
/// <param name="FilePath">A case file to read (with the loader's size and UTF-8 checks) when <paramref name="Utf8"/> is null.</param>
/// <param name="Position">How far into the input this item ends (bytes for NDJSON, files for a folder), for progress.</param>
/// <param name="Error">Why the line could not be read as text (too long, not UTF-8); reported as invalid.</param>
internal readonly record struct BatchItem(string Source, long Line, byte[]? Utf8, string? FilePath, long Position, string? Error = null);

/// <summary>
/// Screens a stream of patient documents with one shared engine: a reader fills chunks of
/// <see cref="ChunkSize"/> documents, N workers parse, evaluate and serialize them, and a single
/// writer emits the chunks in input order. Two bounded channels keep at most
/// <c>4 × N</c> chunks in flight, so memory does not grow with the input.
/// </summary>
/// <remarks>
/// Each output line starts with <c>input</c> (source file, line for NDJSON, the document's <c>id</c> when it has
/// one), so decisions can be joined back to their patients even when invalid lines were skipped; then the
/// compact decision (<see cref="JsonOutput.WriteCompactDecisionProperties"/>) or, with <c>full</c>, the whole
/// decision as <c>suggest --format json</c> writes it.
/// An NDJSON line is read straight into the patient (<see cref="PatientDocument.TryReadJson"/>); only a line
/// that read finds a problem with (or has any doubt about) is read again by the strict document reader, which
/// reports it with its line and column. <c>fastRead: false</c> reads every line strictly (for tests and
/// measurements): the output is the same bytes either way.
/// </remarks>
/// <param name="engine">The shared, compiled engine.</param>
/// <param name="parallel">Worker threads.</param>
/// <param name="full">Write whole decisions instead of compact lines.</param>
/// <param name="fastRead">Read NDJSON lines with the fast reader first (default), or every line strictly.</param>
/// <param name="loadFile">Reads a case file of a folder (patient document or FHIR Bundle); default: patient documents only.</param>
internal sealed class BatchScreener(OligoDecideEngine engine, int parallel, bool full = false, bool fastRead = true, Func<string, PatientLoadResult>? loadFile = null)
{
    public const int ChunkSize = 256;

    /// <summary>Runs the batch; <paramref name="onChunk"/> is called by the single writer after each chunk.</summary>
    public async Task<BatchSummary> RunAsync(IEnumerable<BatchItem> items, Stream output, Action<string> reportError, Action<BatchSummary, long>? onChunk, CancellationToken cancel = default)
    {
        var capacity = Math.Max(2, parallel * 4);
        var ordered = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        var work = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(capacity) { SingleWriter = true });

        // Chunks (and their output buffers, up to a few MB each) are reused once written, so a long
        // batch allocates a bounded set of them instead of one per 256 documents on the large object heap.
        var pool = new ConcurrentQueue<Chunk>();
        Chunk Rent() => pool.TryDequeue(out var c) ? c : new Chunk();

        var producer = Task.Run(async () =>
        {
            try
            {
                var chunk = Rent();
                foreach (var item in items)
                {
                    chunk.Items.Add(item);
                    if (chunk.Items.Count == ChunkSize)
                    {
                        await ordered.Writer.WriteAsync(chunk, cancel).ConfigureAwait(false);
                        await work.Writer.WriteAsync(chunk, cancel).ConfigureAwait(false);
                        chunk = Rent();
                    }
                }

                if (chunk.Items.Count > 0)
                {
                    await ordered.Writer.WriteAsync(chunk, cancel).ConfigureAwait(false);
                    await work.Writer.WriteAsync(chunk, cancel).ConfigureAwait(false);
                }

                ordered.Writer.Complete();
                work.Writer.Complete();
            }
            catch (Exception ex)
            {
                ordered.Writer.Complete(ex);
                work.Writer.Complete(ex);
                throw;
            }
        }, cancel);

        var workers = Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            var buffer = new ArrayBufferWriter<byte>(64 * 1024);
            using var writer = new Utf8JsonWriter(buffer, JsonOutput.CompactOptions);
            await foreach (var chunk in work.Reader.ReadAllAsync(cancel).ConfigureAwait(false))
            {
                Process(chunk, writer);
            }
        }, cancel)).ToArray();

        // Cancellation (SIGTERM, Ctrl+C) stops taking chunks, never a chunk half-written: each chunk is whole
        // lines, written with no token, and the output is flushed, so a stopped batch ends on a whole line.
        var summary = new BatchSummary();
        var reader = ordered.Reader;
        while (!cancel.IsCancellationRequested && await WaitToRead(reader, cancel).ConfigureAwait(false))
        {
            if (!reader.TryRead(out var chunk))
            {
                continue;
            }

            try
            {
                await chunk.Done.Task.WaitAsync(cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                break;
            }

            await output.WriteAsync(chunk.Output.WrittenMemory, CancellationToken.None).ConfigureAwait(false);
            foreach (var error in chunk.Errors)
            {
                reportError(error);
            }

            summary.Add(chunk);
            onChunk?.Invoke(summary, chunk.Items[^1].Position);
            chunk.Reset();
            pool.Enqueue(chunk);
        }

        if (cancel.IsCancellationRequested)
        {
            summary.Interrupted = true;
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.WhenAll([producer, .. workers]).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected: the producer and workers stop on the same token.
            }

            return summary;
        }

        await producer.ConfigureAwait(false);
        await Task.WhenAll(workers).ConfigureAwait(false);
        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return summary;
    }

    /// <summary>Waits for the next chunk; false at the end of the batch or once <paramref name="cancel"/> is set.</summary>
    private static async Task<bool> WaitToRead(ChannelReader<Chunk> reader, CancellationToken cancel)
    {
        try
        {
            return await reader.WaitToReadAsync(cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Process(Chunk chunk, Utf8JsonWriter writer)
    {
        try
        {
            foreach (var item in chunk.Items)
            {
                ProcessOne(chunk, item, writer);
            }
        }
        finally
        {
            chunk.Done.TrySetResult();
        }
    }

    private void ProcessOne(Chunk chunk, BatchItem item, Utf8JsonWriter writer)
    {
        Decision decision;
        string? id;
        List<Finding>? warnings = null;
        if (item.Error is not null)
        {
            chunk.Errors.Add($"{Where(item)}: error: {item.Error}");
            chunk.Invalid++;
            return;
        }

        try
        {
            var loaded = item.Utf8 is not { } utf8 ? (loadFile ?? (p => PatientDocument.Load(p)))(item.FilePath!)
                : (fastRead ? PatientDocument.TryReadJson(utf8) : null) ?? PatientDocument.Parse(Encoding.UTF8.GetString(utf8), item.Source);
            if (loaded.Patient is null)
            {
                foreach (var f in loaded.Findings.Where(f => f.Severity == Severity.Error))
                {
                    chunk.Errors.Add((item.Line > 0 ? f with { Line = (int)Math.Min(item.Line, int.MaxValue), Column = Math.Max(1, f.Column) } : f).ToString());
                }

                chunk.Invalid++;
                return;
            }

            decision = engine.Evaluate(loaded.Patient);
            id = loaded.Patient.Id;
            if (full && loaded.Findings.Count > 0)
            {
                // Only the whole decision carries the warnings block; the compact line stays allocation-free here.
                warnings = [.. loaded.Findings.Where(f => f.Severity == Severity.Warning)];
            }
        }
        catch (EngineVerificationException ex)
        {
            // --verify: the message names the rule and the rule set, never patient data.
            chunk.Errors.Add($"{Where(item)}: error: {ex.Message}");
            chunk.Failed++;
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // No message text: it could carry patient data.
            chunk.Errors.Add($"{Where(item)}: error: internal error {ex.GetType().Name} while evaluating this document; please report it");
            chunk.Failed++;
            return;
        }

        writer.Reset(chunk.Output);
        writer.WriteStartObject();
        writer.WriteStartObject("input");
        writer.WriteString("source", item.Source);
        if (item.Line > 0)
        {
            writer.WriteNumber("line", item.Line);
        }

        if (id is not null)
        {
            writer.WriteString("id", id);
        }

        writer.WriteEndObject();
        if (full)
        {
            JsonOutput.WriteDecisionProperties(writer, decision, warnings is null ? InputWarnings.None : new InputWarnings(warnings, []));
        }
        else
        {
            JsonOutput.WriteCompactDecisionProperties(writer, decision);
        }

        writer.WriteEndObject();
        writer.Flush();
        chunk.Output.Write("\n"u8);
        chunk.States[(int)decision.Classification.State]++;
        foreach (var option in decision.ActiveOptions)
        {
            chunk.Options[option] = chunk.Options.GetValueOrDefault(option) + 1;
        }

        chunk.Valid++;
    }

    private static string Where(BatchItem item) => item.Line > 0 ? $"{item.Source}:{item.Line}" : item.Source;

    /// <summary>A run of consecutive input documents and everything the worker produced for them.</summary>
    internal sealed class Chunk
    {
        public List<BatchItem> Items { get; } = new(ChunkSize);

        public ArrayBufferWriter<byte> Output { get; } = new(ChunkSize * 2048);

        public List<string> Errors { get; } = [];

        public int[] States { get; } = new int[Enum.GetValues<OligometastaticState>().Length];

        public Dictionary<string, int> Options { get; } = new(StringComparer.Ordinal);

        public int Valid { get; set; }

        public int Invalid { get; set; }

        public int Failed { get; set; }

        public TaskCompletionSource Done { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Empties the chunk for reuse (keeps the output buffer's capacity).</summary>
        public void Reset()
        {
            Items.Clear();
            Output.ResetWrittenCount();
            Errors.Clear();
            Array.Clear(States);
            Options.Clear();
            Valid = Invalid = Failed = 0;
            Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}

/// <summary>Running totals of a batch: documents in, decisions out, invalid and failed documents, counts per state and option.</summary>
internal sealed class BatchSummary
{
    /// <summary>True when the batch was stopped (cancelled) before its end; the output still ends on a whole line.</summary>
    public bool Interrupted { get; set; }

    public long Input { get; private set; }

    public long Decisions { get; private set; }

    public long Invalid { get; private set; }

    public long Failed { get; private set; }

    public long[] States { get; } = new long[Enum.GetValues<OligometastaticState>().Length];

    public Dictionary<string, long> Options { get; } = new(StringComparer.Ordinal);

    internal void Add(BatchScreener.Chunk chunk)
    {
        Input += chunk.Items.Count;
        Decisions += chunk.Valid;
        Invalid += chunk.Invalid;
        Failed += chunk.Failed;
        for (var i = 0; i < States.Length; i++)
        {
            States[i] += chunk.States[i];
        }

        foreach (var (option, n) in chunk.Options)
        {
            Options[option] = Options.GetValueOrDefault(option) + n;
        }
    }
}
