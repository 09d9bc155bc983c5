using System.Text.Json.Nodes;
using OligoDecide.Classification;
using OligoDecide.Cli;
using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Output;
using OligoDecide.Synthetic;

namespace OligoDecide.Tests.Cli;

public class ScreenCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Test]
    public void Screen_InvalidLine_ReportedWithLineNumberAndBatchGoesOn()
    {
        var path = Path.GetTempFileName();
        try
        {
            var docs = PatientGenerator.Documents(600, 5).ToList();
            docs.Insert(300, "{\"assessedOn\": \"not a date\"}");
            File.WriteAllLines(path, docs);

            var (code, output, err) = Run("screen", path, "--parallel", "3");

            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(code, Is.EqualTo(2));
            Assert.That(lines, Has.Length.EqualTo(600));
            Assert.That(err, Does.Contain($"{Path.GetFileName(path)}:301:"));
            Assert.That(err, Does.Contain("screened 601 document(s): 600 decision(s), 1 invalid, 0 failed"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Screen_Parallel_SameBytesInInputOrderAsOneWorker()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, PatientGenerator.Documents(700, 9));

            var one = Run("screen", path, "--parallel", "1");
            var four = Run("screen", path, "--parallel", "4");

            Assert.That(one.Code, Is.Zero);
            Assert.That(four.Out, Is.EqualTo(one.Out));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Generate_SameSeed_SameLines()
    {
        var a = Run("generate", "--count", "50", "--seed", "3");
        var b = Run("generate", "--count", "50", "--seed", "3");

        Assert.That(a.Code, Is.Zero);
        Assert.That(a.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(50));
        Assert.That(b.Out, Is.EqualTo(a.Out));
    }

    [Test]
    public void Screen_EachLineNamesItsInputLineAndId_EvenAfterAnInvalidLine()
    {
        var path = Path.GetTempFileName();
        try
        {
            var docs = PatientGenerator.Documents(40, 11).ToList();
            docs.Insert(10, "{\"assessedOn\": \"not a date\"}");
            File.WriteAllLines(path, docs);

            var (_, output, _) = Run("screen", path, "--parallel", "2");

            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
            Assert.That(lines, Has.Count.EqualTo(40));
            for (var i = 0; i < lines.Count; i++)
            {
                var inputLine = i < 10 ? i + 1 : i + 2;
                var input = lines[i]["input"]!;
                Assert.That(input["source"]!.GetValue<string>(), Is.EqualTo(Path.GetFileName(path)));
                Assert.That(input["line"]!.GetValue<long>(), Is.EqualTo(inputLine));
                Assert.That(input["id"]!.GetValue<string>(), Is.EqualTo(JsonNode.Parse(docs[inputLine - 1])!["id"]!.GetValue<string>()));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Screen_CompactAndFull_CarryTheSameDecisionAsSuggest()
    {
        var path = Path.GetTempFileName();
        try
        {
            var docs = PatientGenerator.Documents(60, 12).ToList();
            File.WriteAllLines(path, docs);
            var engine = OligoDecideEngine.CreateDefault();

            var compact = Run("screen", path, "--parallel", "2").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var full = Run("screen", path, "--parallel", "2", "--full").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.That(compact, Has.Length.EqualTo(docs.Count));
            Assert.That(full, Has.Length.EqualTo(docs.Count));
            var suggestionsSeen = 0;
            for (var i = 0; i < docs.Count; i++)
            {
                var decision = engine.Evaluate(PatientDocument.Parse(docs[i]).GetPatientOrThrow());

                // --full: the input reference, then exactly what 'suggest --format json' writes.
                var fullLine = JsonNode.Parse(full[i])!.AsObject();
                fullLine.Remove("input");
                Assert.That(fullLine.ToJsonString(), Is.EqualTo(JsonNode.Parse(JsonOutput.Write(decision))!.ToJsonString()));

                // compact: the same state, rules, citation ids, reasons and missing facts, without the texts.
                var line = JsonNode.Parse(compact[i])!;
                Assert.That(line["state"]!.GetValue<string>(), Is.EqualTo(decision.Classification.State.Id()));
                var suggestions = line["suggestions"]!.AsArray();
                Assert.That(suggestions.Select(s => s!["rule"]!.GetValue<string>()), Is.EqualTo(decision.Suggestions.Select(s => s.Rule)));
                for (var k = 0; k < suggestions.Count; k++)
                {
                    var expected = decision.Suggestions[k];
                    Assert.That(suggestions[k]!["evidence"]!.AsArray().Select(e => e!.GetValue<string>()), Is.EqualTo(expected.Evidence.Select(e => e.Id)));
                    Assert.That(suggestions[k]!["because"]!.AsArray().Select(e => e!.GetValue<string>()), Is.EqualTo(expected.Because.Select(r => r.ToString())));
                    suggestionsSeen++;
                }

                Assert.That(
                    line["couldApply"]!.AsArray().Select(c => c!["rule"]!.GetValue<string>() + ":" + string.Join(",", c["missing"]!.AsArray().Select(m => m!.GetValue<string>()))),
                    Is.EqualTo(decision.CouldApply.Select(c => c.Rule + ":" + string.Join(",", c.Missing.Select(m => m.Fact)))));
            }

            Assert.That(suggestionsSeen, Is.GreaterThan(docs.Count), "the sample should fire several rules per patient");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Screen_LineNotUtf8OrTooLong_ReportedByLineAndTheBatchGoesOn()
    {
        var path = Path.GetTempFileName();
        try
        {
            var docs = PatientGenerator.Documents(2, 13).ToList();
            var bytes = new List<byte>();
            bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(docs[0] + "\n"));
            bytes.AddRange(System.Text.Encoding.UTF8.GetBytes("{\"id\": \"a"));
            bytes.Add(0xFF); // not UTF-8
            bytes.AddRange(System.Text.Encoding.UTF8.GetBytes("\", \"assessedOn\": \"2024-01-01\"}\r\n"));
            bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(docs[1] + "\r\n"));
            bytes.AddRange(System.Text.Encoding.UTF8.GetBytes("{\"id\": \"" + new string('x', (int)DocumentLimits.Default.MaxBytes + 1) + "\"}\n"));
            File.WriteAllBytes(path, [.. bytes]);
            var name = Path.GetFileName(path);

            var (code, output, err) = Run("screen", path, "--parallel", "2");

            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
            Assert.That(code, Is.EqualTo(2));
            Assert.That(lines.Select(l => l["input"]!["line"]!.GetValue<long>()), Is.EqualTo(new long[] { 1, 3 }));
            Assert.That(err, Does.Contain($"{name}:2: error: the line is not valid UTF-8 text"));
            Assert.That(err, Does.Contain($"{name}:4: error: the line is ").And.Contain($"the limit is {DocumentLimits.Default.MaxBytes:N0} bytes"));
            Assert.That(err, Does.Contain("screened 4 document(s): 2 decision(s), 2 invalid, 0 failed"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
