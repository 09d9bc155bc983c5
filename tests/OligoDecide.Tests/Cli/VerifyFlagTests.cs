using OligoDecide.Synthetic;
using static OligoDecide.Tests.Cli.CliRunner;

namespace OligoDecide.Tests.Cli;

/// <summary><c>screen --verify</c>: the NRules compilation checks every document and the output does not change.</summary>
public class VerifyFlagTests
{
    [Test]
    public void Screen_Verify_SameBytesAsWithoutAndExitZero()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, PatientGenerator.Documents(400, 21));

            var plain = Run("screen", path, "--parallel", "2");
            var verified = Run("screen", path, "--parallel", "2", "--verify");

            Assert.That(verified.Exit, Is.Zero, verified.Err);
            Assert.That(verified.Out, Is.EqualTo(plain.Out));
            Assert.That(verified.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(400));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
