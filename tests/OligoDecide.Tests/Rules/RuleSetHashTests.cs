using OligoDecide.Engine;
using OligoDecide.Output;
using OligoDecide.Rules;

namespace OligoDecide.Tests.Rules;

/// <summary>Determinism: same input, same bytes; the rule set hash is stable, changes with content, ignores line ends.</summary>
public class RuleSetHashTests
{
    [Test]
    public void Evaluate_SameInputTwice_IdenticalJsonBytes()
    {
        var patient = global::OligoDecide.Documents.PatientDocument.Load(Path.Combine(Repo.Root, "seeds/patients/synchronous-egfr-adeno.yaml")).Patient!;
        var first = JsonOutput.Write(OligoDecideEngine.CreateDefault().Evaluate(patient));
        var second = JsonOutput.Write(OligoDecideEngine.CreateDefault().Evaluate(patient));
        Assert.That(System.Text.Encoding.UTF8.GetBytes(second), Is.EqualTo(System.Text.Encoding.UTF8.GetBytes(first)));
        var engine = OligoDecideEngine.CreateDefault();
        var text = TextOutput.Write(engine.Evaluate(patient));
        Assert.That(TextOutput.Write(engine.Evaluate(patient)), Is.EqualTo(text));
    }

    [Test]
    public void Sha256_SameFolderLoadedTwice_Stable()
    {
        using var folder = new RuleSetFolder(RuleSetLoadErrorCases.Good());
        var a = folder.Load().GetOrThrow().Info.Sha256;
        Assert.That(folder.Load().GetOrThrow().Info.Sha256, Is.EqualTo(a));
        Assert.That(a, Does.Match("^[0-9a-f]{64}$"));
    }

    [Test]
    public void Sha256_FileChanges_HashChanges()
    {
        using var folder = new RuleSetFolder(RuleSetLoadErrorCases.Good());
        var before = folder.Load().GetOrThrow().Info.Sha256;
        folder.Write("rules.yaml", RuleSetLoadErrorCases.Good(when: "- fact: ecog\n  max: 2"));
        Assert.That(folder.Load().GetOrThrow().Info.Sha256, Is.Not.EqualTo(before));
    }

    [Test]
    public void Sha256_CrlfContent_HashesAsLf()
    {
        using var folder = new RuleSetFolder(RuleSetLoadErrorCases.Good());
        var lf = folder.Load().GetOrThrow().Info.Sha256;
        foreach (var file in Directory.GetFiles(folder.Path))
        {
            File.WriteAllText(file, File.ReadAllText(file).Replace("\n", "\r\n", StringComparison.Ordinal));
        }

        Assert.That(File.ReadAllText(Path.Combine(folder.Path, "rules.yaml")), Does.Contain("\r\n"));
        Assert.That(folder.Load().GetOrThrow().Info.Sha256, Is.EqualTo(lf));
    }

    [Test]
    public void Sha256_DefaultEmbeddedAndRulesFolder_Same() =>
        Assert.That(RuleSet.Load(Path.Combine(Repo.Root, "rules")).GetOrThrow().Info.Sha256, Is.EqualTo(RuleSet.LoadDefault().Info.Sha256));
}
