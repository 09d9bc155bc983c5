using OligoDecide.Cli;
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
}
