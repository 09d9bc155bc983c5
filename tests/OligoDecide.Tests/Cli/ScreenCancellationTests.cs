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

                yield return new BatchItem("in.ndjson", i + 1, Encoding.UTF8.GetBytes(docs[i]), null, i + 1);
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

    /// <summary>The real process (the CLI's apphost), a real SIGTERM (sent with kill), its real output file.</summary>
    [Test]
    [Platform(Include = "Linux,MacOsX")]
    public void Sigterm_RealProcess_OutputEndsOnAWholeLineAndExit143()
    {
        var dir = Path.Combine(Path.GetTempPath(), "oligodecide-sigterm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var input = Path.Combine(dir, "in.ndjson");
            var output = Path.Combine(dir, "out.ndjson");
            File.WriteAllLines(input, PatientGenerator.Documents(200_000, 11));
            var exe = Path.Combine(TestContext.CurrentContext.TestDirectory, "OligoDecide.Cli");
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(exe)
            {
                ArgumentList = { "screen", input, "--out", output, "--parallel", "1" },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            var err = process.StandardError.ReadToEndAsync();

            // Wait until decisions are being written, then stop it the way a scheduler does.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((!File.Exists(output) || new FileInfo(output).Length < 100_000) && !process.HasExited && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }

            Assert.That(process.HasExited, Is.False, "the batch must still be running when the signal comes");
            using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
            }

            Assert.That(process.WaitForExit(60_000), Is.True);
            var text = File.ReadAllText(output);
            var lines = text.Split('\n');
            Assert.Multiple(() =>
            {
                Assert.That(process.ExitCode, Is.EqualTo(143));
                Assert.That(err.Result, Does.Contain("stopped by a signal"));
                Assert.That(text, Does.EndWith("\n"));
                Assert.That(lines.Length - 1, Is.LessThan(200_000));
            });
            foreach (var line in lines[..^1])
            {
                Assert.DoesNotThrow(() => JsonDocument.Parse(line).Dispose());
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
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
