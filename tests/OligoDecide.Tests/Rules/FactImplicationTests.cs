using OligoDecide.Classification;
using OligoDecide.Facts;
using OligoDecide.Rules;
using OligoDecide.Tests.Reliability;

namespace OligoDecide.Tests.Rules;

/// <summary>The implications the never-fires analysis follows hold for the facts the engine really derives.</summary>
public class FactImplicationTests
{
    [Test]
    public void All_HoldOverGeneratedPatients_AndEachPremiseOccurs()
    {
        var seen = new HashSet<FactImplication>();
        var broken = new List<string>();
        foreach (var (patient, _, _) in GeneratedPatients.TenThousand)
        {
            var facts = PatientFactsBuilder.Build(patient, OligometastaticClassifier.Default.Classify(patient));
            foreach (var imp in FactImplication.All)
            {
                var premise = FactCatalog.ByName[imp.If].Read(facts);
                if (premise is null || !imp.IfValues.Contains(premise))
                {
                    continue;
                }

                seen.Add(imp);
                var conclusion = FactCatalog.ByName[imp.Then].Read(facts);
                if (conclusion is not null && !imp.ThenValues.Contains(conclusion))
                {
                    broken.Add($"{imp.If} = {premise} but {imp.Then} = {conclusion} ({patient.Id})");
                }
            }
        }

        Assert.That(broken.Distinct().Take(10), Is.Empty);
        Assert.That(FactImplication.All.Where(i => !seen.Contains(i)).Select(i => $"{i.If} in [{string.Join(", ", i.IfValues)}] → {i.Then}"), Is.Empty, "every premise occurs among the generated patients");
    }

    [Test]
    public void All_NameCatalogueFactsAndAllowedValues()
    {
        foreach (var imp in FactImplication.All)
        {
            foreach (var (name, values) in new[] { (imp.If, imp.IfValues), (imp.Then, imp.ThenValues) })
            {
                Assert.That(FactCatalog.ByName.TryGetValue(name, out var fact), Is.True, name);
                Assert.That(values, Is.Not.Empty);
                if (fact!.Type == FactType.Enumeration)
                {
                    Assert.That(values.Cast<string>(), Is.SubsetOf(fact.AllowedValues), name);
                }
                else
                {
                    Assert.That(fact.Type, Is.EqualTo(FactType.Boolean), name);
                }
            }
        }
    }
}
