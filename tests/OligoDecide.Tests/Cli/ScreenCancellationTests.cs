using System.Text;
using System.Text.Json;
using OligoDecide.Cli.Batch;
using OligoDecide.Engine;
using OligoDecide.Synthetic;

namespace OligoDecide.Tests.Cli;

/// <summary>Issue 15 item 10: a screen stopped by SIGTERM (cancelled) ends its output on a whole, flushed line.</summary>
public class ScreenCancellationTests
{
    [Test]
    public async Task Cancelled_MidBatch_OutputIsWholeLinesAndFlushed()
    {
        using var stop = new CancellationTokenSource();
        var docs = PatientGenerator.Documents(20_000, 3).ToList();
        IEnumerable<BatchItem> Items()
        {
            for (var i = 0; i < docs.Count; i++)
            {
                if (i == 3_000)
                {
                    stop.Cancel(); // the signal arrives while chunks are in flight
                }

                yield return new BatchItem("in.ndjson", i + 1, docs[i], null, i + 1);
            }
        }

        using var output = new FlushCountingStream();
        var screener = new BatchScreener(OligoDecideEngine.CreateDefault(), 2);
        var summary = await screener.RunAsync(Items(), output, _ => { }, null, stop.Token);

        var text = Encoding.UTF8.GetString(output.ToArray());
        var lines = text.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(summary.Interrupted, Is.True);
            Assert.That(summary.Input, Is.LessThan(docs.Count), "it stopped early");
            Assert.That(text, Does.EndWith("\n"), "the last line is whole");
            Assert.That(lines[^1], Is.Empty);
            Assert.That(lines.Length - 1, Is.EqualTo(summary.Decisions), "every counted decision was written");
            Assert.That(output.Flushes, Is.GreaterThan(0));
        });
        foreach (var line in lines[..^1])
        {
            Assert.DoesNotThrow(() => JsonDocument.Parse(line).Dispose());
        }
    }

    private sealed class FlushCountingStream : MemoryStream
    {
        public int Flushes { get; private set; }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return base.FlushAsync(cancellationToken);
        }
    }
}
