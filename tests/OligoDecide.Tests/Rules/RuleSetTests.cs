using System.Diagnostics;
using OligoDecide.Rules;

namespace OligoDecide.Tests.Rules;

/// <summary>Every load error class with its file:line:column and exact message; an invalid set never loads.</summary>
public class RuleSetTests
{
    private static string[] Errors(string name)
    {
        var (rules, citations, manifest) = RuleSetLoadErrorCases.All[name];
        using var folder = new RuleSetFolder(rules, citations, manifest);
        var result = folder.Load();
        Assert.That(result.RuleSet, Is.Null, "an invalid set returns no rule set");
        Assert.That(result.IsValid, Is.False);
        return [.. result.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.ToString())];
    }

    [TestCase("MalformedYaml", """rules.yaml:5:1: error: malformed YAML: While parsing a flow sequence, did not find expected ',' or ']'""")]
    [TestCase("UnknownKey", """rules.yaml:8:5: error: rules[0].priorty: unknown key 'priorty'; did you mean 'priority'? Allowed keys: id, kind, option, title, text, dose, priority, supersedes, evidence, against, tags, when""")]
    [TestCase("UnknownFact", """rules.yaml:9:15: error: rules[0].when[0].fact: unknown fact 'ecogg'; did you mean 'ecog'? Run 'oligodecide facts' for the list.""")]
    [TestCase("UnknownOperator", """rules.yaml:10:9: error: rules[0].when[0].maximum: unknown operator 'maximum'. Operators: equals, in, notIn, min, max, exists""")]
    [TestCase("UnknownOperatorWithHint", """rules.yaml:10:9: error: rules[0].when[0].maxx: unknown operator 'maxx'; did you mean 'max'? Operators: equals, in, notIn, min, max, exists""")]
    [TestCase("WrongValueType", """rules.yaml:10:14: error: rules[0].when[0].max: expected a whole number, found 'one'""")]
    [TestCase("EnumValueNotAllowed", """rules.yaml:10:31: error: rules[0].when[0].in[1]: 'l858' is not a value of biomarkers.egfr; did you mean 'l858r'? Allowed: negative, exon19-deletion, l858r, exon20-insertion, other, unknown, mutated-unspecified""")]
    [TestCase("DuplicateRuleId", """rules.yaml:11:5: error: rules: the rule id 'twice' is already used at rules.yaml:2:5""")]
    [TestCase("MissingEvidence", """rules.yaml:2:5: error: rules[0].evidence: a rule needs at least one citation id in evidence""")]
    [TestCase("UnknownCitation", """rules.yaml:7:16: error: ok.evidence: unknown citation 'c2'; did you mean 'c1'?""")]
    [TestCase("BadSemver", """ruleset.yaml:2:10: error: version: '1.0' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0)""")]
    [TestCase("SupersedesUnknownRule", """rules.yaml:8:18: error: a.supersedes: unknown rule 'b'; did you mean 'a'?""")]
    [TestCase("SupersedesCycle", """rules.yaml:2:5: error: a.supersedes: supersedes forms a cycle: a → b → a""")]
    [TestCase("SuggestedListUnknownOption", """rules.yaml:18:25: error: b.when.suggested: no rule suggests the option 'okk'; did you mean 'ok'?""")]
    [TestCase("SuggestedEmptyList", """rules.yaml:18:20: error: rules[1].when[0].suggested: 'suggested' takes an option code, a non-empty list of option codes, or { tag: name }""")]
    [TestCase("SuggestedUnknownTag", """rules.yaml:19:27: error: b.when.suggested.tag: no rule carries the tag 'locall'; did you mean 'local'? Tags: local""")]
    [TestCase("TagNotKebab", """rules.yaml:8:12: error: rules[0].tags[0]: 'Local' is not a kebab-case tag (lower-case letters, digits and single hyphens, e.g. local-therapy-metastases)""")]
    [TestCase("TagsDifferOnOneOption", """rules.yaml:12:5: error: b.tags: the rules giving the option 'x' must carry the same tags: a has [local], b has []""")]
    [TestCase("SuggestedCycle", """rules.yaml:9:9: error: a.when.suggested: suggested forms a cycle (a rule would wait for its own suggestion): a → b → a""")]
    [TestCase("SuggestedTagCycle", """rules.yaml:10:9: error: a.when.suggested: suggested forms a cycle (a rule would wait for its own suggestion): a → a""")]
    [TestCase("SuggestedUnknownOption", """rules.yaml:18:20: error: b.when.suggested: no rule suggests the option 'okk'; did you mean 'ok'?""")]
    [TestCase("SuggestedUnderAny", """rules.yaml:19:11: error: rules[1].when.any[0].suggested: 'suggested' may only stand at the top of 'when' or directly in its top-level 'all' (it chains on another rule's suggestion)""")]
    [TestCase("SuggestedUnderNot", """rules.yaml:19:9: error: rules[1].when.not.suggested: 'suggested' may only stand at the top of 'when' or directly in its top-level 'all' (it chains on another rule's suggestion)""")]
    [TestCase("QuotedNumber", """rules.yaml:10:14: error: rules[0].when[0].max: expected a whole number, found the quoted text "1"; write numbers without quotes (max: 1)""")]
    [TestCase("RangeWhereValueExpected", """rules.yaml:10:17: error: rules[0].when[0].equals: expected a value for ecog (a whole number), found a mapping: 'equals' takes one value; for a range write min and/or max beside fact (e.g. fact: ecog, max: 1), for several values use 'in' with a list""")]
    [TestCase("RangeInsideLesionList", """rules.yaml:10:20: error: rules[0].when[0].anyLesion.sizeMm[0]: expected a value for sizeMm (a number), found a mapping: each item of the list is one value; a range is written as the field's value ({min: a, max: b}), not inside a list""")]
    [TestCase("DuplicateCitationId", """citations.yaml:9:5: error: citations: the citation id 'c1' is already used at citations.yaml:2:5""")]
    [TestCase("UnknownTherapyField", """rules.yaml:9:55: error: rules[0].when[0].anyTherapy.line: unknown therapy field 'line'; did you mean 'kind'? Therapy fields: bestResponse, checkpointInhibitor, chemotherapy, cycles, drugClass, freeIntervalDays, kind, months, ongoing, progressed, setting, targeted""")]
    [TestCase("TherapyValueNotAllowed", """rules.yaml:9:32: error: rules[0].when[0].anyTherapy.setting: 'first-line' is not a value of setting. Allowed: neoadjuvant, adjuvant, consolidation, first-line-metastatic, later-line, definitive-chemoradiotherapy""")]
    [TestCase("RangeOnEnumeration", """rules.yaml:9:32: error: rules[0].when[0].anyTherapy.setting: a range {min, max} applies to numbers; setting is one of: neoadjuvant, adjuvant, consolidation, first-line-metastatic, later-line, definitive-chemoradiotherapy""")]
    [TestCase("RangeMinAboveMax", """rules.yaml:9:30: error: rules[0].when[0].anyLesion.sizeMm: min 30 is greater than max 10: the condition can never hold""")]
    [TestCase("RangeUnknownBound", """rules.yaml:9:33: error: rules[0].when[0].anyTherapy.months.atLeast: unknown key 'atLeast'. Allowed keys: min, max""")]
    [TestCase("CountTherapiesWithoutBounds", """rules.yaml:9:25: error: rules[0].when[0].countTherapies: countTherapies needs min, max or both""")]
    [TestCase("NamedConditionUnknown", """rules.yaml:12:20: error: rules[0].when[0].condition: unknown named condition 'ici-naiv'; did you mean 'ici-naive'? Declared: ici-naive""")]
    [TestCase("NamedConditionCycle", """rules.yaml:9:18: error: conditions.b-gate.not.condition: the named condition 'a-gate' refers to itself (cycle through: a-gate, b-gate)""")]
    [TestCase("NamedConditionError", """rules.yaml:3:11: error: conditions.fit.fact: unknown fact 'ecogg'; did you mean 'ecog'? Run 'oligodecide facts' for the list.""")]
    [TestCase("NamedConditionSuggested", """rules.yaml:3:5: error: conditions.chained.suggested: 'suggested' may only stand at the top of 'when' or directly in its top-level 'all' (it chains on another rule's suggestion)""")]
    public void Load_ErrorClass_ReportsFileLineColumnAndMessage(string name, string expected) =>
        Assert.That(Errors(name), Is.EqualTo(new[] { expected }));

    [Test]
    public void Load_NamedConditionInAnotherFile_ExpandsInPlaceAndUnusedOneWarns()
    {
        using var folder = new RuleSetFolder(RuleSetLoadErrorCases.Good(when: "- condition: fit\n- fact: ageYears\n  min: 18"));
        folder.Write("00-shared.yaml", "conditions:\n  fit:\n    fact: ecog\n    max: 1\n  unused-gate:\n    fact: ecog\n    equals: 0");
        var result = folder.Load();
        Assert.That(result.IsValid, Is.True, () => string.Join("\n", result.Findings));
        var engine = new OligoDecide.Engine.OligoDecideEngine(result.RuleSet!);
        Assert.Multiple(() =>
        {
            Assert.That(result.Findings.Select(f => f.ToString()), Is.EqualTo(new[] { "00-shared.yaml:5:3: warning: conditions.unused-gate: the named condition 'unused-gate' is not used by any rule" }));
            Assert.That(ConstructRuleSet.Outcome(engine.Evaluate(ConstructRuleSet.Patient(ecog: 1, age: 60)), "ok"), Is.EqualTo(Truth.True));
            Assert.That(ConstructRuleSet.Outcome(engine.Evaluate(ConstructRuleSet.Patient(ecog: 2, age: 60)), "ok"), Is.EqualTo(Truth.False));
            Assert.That(ConstructRuleSet.Outcome(engine.Evaluate(ConstructRuleSet.Patient(age: 60)), "ok"), Is.EqualTo(Truth.Unknown));
        });
    }

    [Test]
    public void Load_NamedConditionDeclaredTwice_NamesTheFirst()
    {
        using var folder = new RuleSetFolder("conditions:\n  fit:\n    fact: ecog\n    max: 1\n" + RuleSetLoadErrorCases.Good(when: "- condition: fit"));
        folder.Write("00-shared.yaml", "conditions:\n  fit:\n    fact: ecog\n    max: 2");
        var result = folder.Load();
        Assert.That(result.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.ToString()),
            Is.EqualTo(new[] { "rules.yaml:2:3: error: conditions.fit: the named condition 'fit' is already declared at 00-shared.yaml:2:3" }));
    }

    [Test]
    public void Load_InvalidDoi_ReportsTheDoiAndTheRuleThatCitedIt() =>
        Assert.That(Errors("InvalidDoi"), Is.EqualTo(new[]
        {
            """citations.yaml:7:10: error: citations[0].doi: 'https://doi.org/10.1000/abc' is not a DOI (expected 10.NNNN/suffix, without a URL prefix)""",
            """rules.yaml:7:16: error: ok.evidence: unknown citation 'c1'""",
        }));

    [Test]
    public void Load_CitationWithoutDoiAndSource_NeedsSource() =>
        Assert.That(Errors("CitationWithoutDoiOrSource")[0], Is.EqualTo("""citations.yaml:2:5: error: citations[0].source: a citation without a doi needs a source (e.g. the congress and abstract number)"""));

    [Test]
    public void Load_CitationWithSourceAndNoDoi_Loads()
    {
        var citations = RuleSetFolder.Citations.Replace("    doi: 10.1000/abc\n", "    source: ASCO 2024 abstract 8506\n", StringComparison.Ordinal);
        using var folder = new RuleSetFolder(RuleSetLoadErrorCases.Good(), citations);
        Assert.That(folder.Load().IsValid, Is.True);
    }

    [Test]
    public void Load_SeveralErrors_AllReportedTogether() =>
        Assert.That(Errors("SeveralErrors"), Is.EqualTo(new[]
        {
            """rules.yaml:9:15: error: rules[0].when[0].fact: unknown fact 'ecogg'; did you mean 'ecog'? Run 'oligodecide facts' for the list.""",
            """rules.yaml:16:16: error: b.evidence: unknown citation 'c9'; did you mean 'c1'?""",
            """rules.yaml:19:9: error: rules[1].when[0].maximum: unknown operator 'maximum'. Operators: equals, in, notIn, min, max, exists""",
        }));

    /// <summary>Issue 18: one misspelt fact also failed the rule chained on it and warned that its citation was unused.</summary>
    [Test]
    public void Load_MisspeltFact_IsReportedOnceWithoutCascade()
    {
        var rules = "rules:\n"
            + RuleSetFolder.Rule("a", "- fact: ecogg\n  max: 1").Replace("evidence: [c1]", "evidence: [c2]", StringComparison.Ordinal) + "\n"
            + RuleSetFolder.Rule("b", "- suggested: a\n- fact: ecog\n  max: 1", "supersedes: [a]");
        var citations = RuleSetFolder.Citations + "\n" + RuleSetFolder.Citations.Replace("citations:\n", string.Empty, StringComparison.Ordinal).Replace("id: c1", "id: c2", StringComparison.Ordinal);
        using var folder = new RuleSetFolder(rules, citations);
        var result = folder.Load();
        Assert.That(result.Findings.Select(f => f.ToString()), Is.EqualTo(new[]
        {
            """rules.yaml:9:15: error: rules[0].when[0].fact: unknown fact 'ecogg'; did you mean 'ecog'? Run 'oligodecide facts' for the list.""",
        }));
    }

    [Test]
    public void Load_AliasBomb_FailsFastOnTheNodeLimit()
    {
        var watch = Stopwatch.StartNew();
        var errors = Errors("AliasBomb");
        watch.Stop();
        Assert.That(errors, Is.EqualTo(new[] { """rules.yaml:5:36: error: the document expands to more than 100,000 nodes (aliases counted in full)""" }));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void Load_TooManyAliases_ReportsTheAliasLimit()
    {
        var aliases = string.Join(", ", Enumerable.Repeat("*x", 51));
        using var folder = new RuleSetFolder($"x: &x 1\ny: [{aliases}]\nrules: []");
        Assert.That(folder.Load().Findings.Select(f => f.ToString()).First(), Is.EqualTo("""rules.yaml:2:205: error: more than 50 aliases (*name); aliases are limited to stop alias bombs"""));
    }

    [Test]
    public void Load_FileOverSizeLimit_ReportsSizeAndLimit()
    {
        using var folder = new RuleSetFolder(RuleSetLoadErrorCases.Good());
        folder.Write("big.yaml", "# " + new string('x', 1024 * 1024));
        var result = folder.Load();
        Assert.That(result.RuleSet, Is.Null);
        Assert.That(result.Findings.Select(f => f.ToString()), Is.EqualTo(new[] { "big.yaml: error: the file is 1,048,579 bytes; the limit is 1,048,576 bytes" }));
    }

    [Test]
    public void Load_TooManyFiles_ReportsCountAndLimit()
    {
        using var folder = new RuleSetFolder(RuleSetLoadErrorCases.Good());
        for (var i = 0; i < 198; i++)
        {
            folder.Write($"extra-{i:D3}.yaml", "rules: []");
        }

        var result = folder.Load();
        Assert.That(result.RuleSet, Is.Null);
        Assert.That(result.Findings.Select(f => f.ToString()), Is.EqualTo(new[] { $"{folder.Path}: error: the folder has 201 YAML files; the limit is 200" }));
    }

    [Test]
    public void Load_ValidSet_LoadsWithNoErrors()
    {
        using var folder = new RuleSetFolder(RuleSetLoadErrorCases.Good());
        var result = folder.Load();
        Assert.That(result.Findings, Is.Empty);
        Assert.That(result.RuleSet!.Rules.Select(r => r.Id), Is.EqualTo(new[] { "ok" }));
        Assert.That(result.RuleSet.Info, Is.EqualTo(result.RuleSet.Info with { Id = "test-set", Version = "1.0.0", Title = "Test rule set" }));
    }

    [Test]
    public void LoadDefault_EmbeddedSet_LoadsWithoutErrors()
    {
        var result = RuleSet.LoadDefaultWithFindings();
        Assert.That(result.Findings.Where(f => f.Severity == Severity.Error), Is.Empty);
        Assert.That(result.RuleSet!.Rules, Is.Not.Empty);
    }
}
