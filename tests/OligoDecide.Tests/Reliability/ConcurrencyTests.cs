using OligoDecide.Engine;
using OligoDecide.Output;

namespace OligoDecide.Tests.Reliability;

public class ConcurrencyTests
{
    [Test]
    public void Evaluate_OneEngineEightThreads_ByteIdenticalToSequential()
    {
        var patients = GeneratedPatients.TenThousand.Select(p => p.Patient).ToArray();
        var engine = OligoDecideEngine.CreateDefault();
        var sequential = patients.Select(p => JsonOutput.Write(engine.Evaluate(p))).ToArray();

        var parallel = new string[patients.Length];
        var next = -1;
        var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < patients.Length)
            {
                parallel[i] = JsonOutput.Write(engine.Evaluate(patients[i]));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var different = Enumerable.Range(0, patients.Length).Where(i => parallel[i] != sequential[i]).Take(5).ToList();
        Assert.That(different, Is.Empty, "patients whose JSON differs between the sequential and the 8-thread run");
    }
}
