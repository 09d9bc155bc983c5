namespace OligoDecide.Tests.Rules;

/// <summary>Rule set folders with one kind of error each: (rules.yaml, citations.yaml or null for the default, ruleset.yaml or null).</summary>
internal static class RuleSetLoadErrorCases
{
    public static string Good(string id = "ok", string when = "- fact: ecog\n  max: 1") => "rules:\n" + RuleSetFolder.Rule(id, when);

    public static readonly Dictionary<string, (string Rules, string? Citations, string? Manifest)> All = new()
    {
        ["MalformedYaml"] = ("rules:\n  - id: a\n    kind: [option\n", null, null),
        ["UnknownKey"] = ("rules:\n" + RuleSetFolder.Rule("a", "- fact: ecog\n  max: 1", "priorty: 3"), null, null),
        ["UnknownFact"] = (Good(when: "- fact: ecogg\n  max: 1"), null, null),
        ["UnknownOperator"] = (Good(when: "- fact: ecog\n  maximum: 1"), null, null),
        ["UnknownOperatorWithHint"] = (Good(when: "- fact: ecog\n  maxx: 1"), null, null),
        ["WrongValueType"] = (Good(when: "- fact: ecog\n  max: one"), null, null),
        ["EnumValueNotAllowed"] = (Good(when: "- fact: biomarkers.egfr\n  in: [exon19-deletion, l858]"), null, null),
        ["DuplicateRuleId"] = (Good("twice") + "\n" + RuleSetFolder.Rule("twice", "- fact: ecog\n  max: 2"), null, null),
        ["MissingEvidence"] = ("rules:\n  - id: a\n    kind: option\n    option: a\n    title: A\n    text: T.\n    evidence: []\n    when:\n      - fact: ecog\n        max: 1", null, null),
        ["UnknownCitation"] = (Good().Replace("evidence: [c1]", "evidence: [c2]", StringComparison.Ordinal), null, null),
        ["InvalidDoi"] = (Good(), RuleSetFolder.Citations.Replace("doi: 10.1000/abc", "doi: https://doi.org/10.1000/abc", StringComparison.Ordinal), null),
        ["CitationWithoutDoiOrSource"] = (Good(), RuleSetFolder.Citations.Replace("    doi: 10.1000/abc\n", string.Empty, StringComparison.Ordinal), null),
        ["BadSemver"] = (Good(), null, RuleSetFolder.Manifest.Replace("1.0.0", "1.0", StringComparison.Ordinal)),
        ["SupersedesUnknownRule"] = ("rules:\n" + RuleSetFolder.Rule("a", "- fact: ecog\n  max: 1", "supersedes: [b]"), null, null),
        ["SupersedesCycle"] = ("rules:\n" + RuleSetFolder.Rule("a", "- fact: ecog\n  max: 1", "supersedes: [b]") + "\n" + RuleSetFolder.Rule("b", "- fact: ecog\n  max: 2", "supersedes: [a]"), null, null),
        ["SuggestedListUnknownOption"] = (Good() + "\n" + RuleSetFolder.Rule("b", "- suggested: [ok, okk]"), null, null),
        ["SuggestedEmptyList"] = (Good() + "\n" + RuleSetFolder.Rule("b", "- suggested: []"), null, null),
        ["SuggestedUnknownTag"] = ("rules:\n" + RuleSetFolder.Rule("ok", "- fact: ecog\n  max: 1", "tags: [local]") + "\n" + RuleSetFolder.Rule("b", "- suggested: { tag: locall }"), null, null),
        ["TagNotKebab"] = ("rules:\n" + RuleSetFolder.Rule("ok", "- fact: ecog\n  max: 1", "tags: [Local]"), null, null),
        ["TagsDifferOnOneOption"] = ("rules:\n" + RuleSetFolder.Rule("a", "- fact: ecog\n  max: 1", "tags: [local]", option: "x") + "\n" + RuleSetFolder.Rule("b", "- fact: ecog\n  max: 2", option: "x"), null, null),
        ["SuggestedCycle"] = ("rules:\n" + RuleSetFolder.Rule("a", "- suggested: b") + "\n" + RuleSetFolder.Rule("b", "- suggested: a"), null, null),
        ["SuggestedTagCycle"] = ("rules:\n" + RuleSetFolder.Rule("a", "- suggested: { tag: local }", "tags: [local]"), null, null),
        ["SuggestedUnknownOption"] = (Good() + "\n" + RuleSetFolder.Rule("b", "- suggested: okk"), null, null),
        ["SuggestedUnderAny"] = (Good() + "\n" + RuleSetFolder.Rule("b", "any:\n  - suggested: ok\n  - fact: ecog\n    max: 0"), null, null),
        ["SuggestedUnderNot"] = (Good() + "\n" + RuleSetFolder.Rule("b", "not:\n  suggested: ok"), null, null),
        ["UnknownTherapyField"] = (Good(when: "- anyTherapy: { setting: first-line-metastatic, line: 1 }"), null, null),
        ["TherapyValueNotAllowed"] = (Good(when: "- anyTherapy: { setting: first-line }"), null, null),
        ["RangeOnEnumeration"] = (Good(when: "- anyTherapy: { setting: { min: 1 } }"), null, null),
        ["RangeMinAboveMax"] = (Good(when: "- anyLesion: { sizeMm: { min: 30, max: 10 } }"), null, null),
        ["RangeUnknownBound"] = (Good(when: "- anyTherapy: { months: { atLeast: 3 } }"), null, null),
        ["CountTherapiesWithoutBounds"] = (Good(when: "- countTherapies: { where: { ongoing: true } }"), null, null),
        ["NamedConditionUnknown"] = ("conditions:\n  ici-naive:\n    countTherapies: { where: { checkpointInhibitor: true }, max: 0 }\n" + Good(when: "- condition: ici-naiv"), null, null),
        ["NamedConditionCycle"] = ("conditions:\n  a-gate:\n    all:\n      - fact: ecog\n        max: 1\n      - condition: b-gate\n  b-gate:\n    not:\n      condition: a-gate\n" + Good(when: "- condition: a-gate"), null, null),
        ["NamedConditionError"] = ("conditions:\n  fit:\n    fact: ecogg\n    max: 1\n" + Good(when: "- condition: fit"), null, null),
        ["NamedConditionSuggested"] = ("conditions:\n  chained:\n    suggested: ok\n" + Good() + "\n" + RuleSetFolder.Rule("b", "- condition: chained"), null, null),
        ["AliasBomb"] = ("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nrules: []", null, null),
        ["QuotedNumber"] = (Good(when: "- fact: ecog\n  max: \"1\""), null, null),
        ["RangeWhereValueExpected"] = (Good(when: "- fact: ecog\n  equals: { max: 1 }"), null, null),
        ["RangeInsideLesionList"] = (Good(when: "- anyLesion:\n    sizeMm: [{ max: 30 }]"), null, null),
        ["DuplicateCitationId"] = (Good(), RuleSetFolder.Citations + "\n" + RuleSetFolder.Citations.Replace("citations:\n", string.Empty, StringComparison.Ordinal), null),
        ["SeveralErrors"] = ("rules:\n" + RuleSetFolder.Rule("a", "- fact: ecogg\n  max: 1") + "\n" + RuleSetFolder.Rule("b", "- fact: ecog\n  maximum: 1").Replace("evidence: [c1]", "evidence: [c9]", StringComparison.Ordinal), null, null),
    };
}
