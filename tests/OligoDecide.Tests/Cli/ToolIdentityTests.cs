using System.Diagnostics;
using OligoDecide.Cli;

namespace OligoDecide.Tests.Cli;

/// <summary>Issue 16 item 7: the program calls itself oligodecide, and an unknown command is one error.</summary>
public sealed class ToolIdentityTests
{
    [Test]
    public void Help_RunAsAProgram_NamesItselfOligodecide()
    {
        var (exit, stdout) = RunProcess("--help");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(stdout, Does.Contain("  oligodecide [command] [options]"));
            Assert.That(stdout, Does.Not.Contain("OligoDecide.Cli"));
        });
    }

    [Test]
    public void UnknownCommand_PrintsOneErrorAndExits2()
    {
        var (exit, stdout, stderr) = CliRunner.Run("frobnicate\u001b[2J");
        var errors = stderr.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(CliApp.InvalidInput));
            Assert.That(stdout, Is.Empty);
            Assert.That(errors, Has.Count.EqualTo(1), stderr);
            Assert.That(errors[0], Does.StartWith("error: unknown command 'frobnicate?[2J'").And.Contain("suggest"));
        });
    }

    private static (int Exit, string Out) RunProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout);
    }
}
