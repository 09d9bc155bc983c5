using OligoDecide.Documents;
using OligoDecide.Rules;

namespace OligoDecide.Tests.Rules;

/// <summary>
/// Lesion dates in a rule: "at most 5 progressing lesions that appeared on therapy" differs from "progressing lesions"
/// only through detectedOn. The same case read from a patient document, with the lesion dated after the therapy started
/// (fires), on the day it started (near miss: present at baseline), and undated (could apply, naming the date).
/// </summary>
public class DetectedOnRuleTests
{
    private static readonly string Rules = "rules:\n" + RuleSetFolder.Rule(
        "new-on-therapy",
        "- countLesions: { where: { status: [new, progressing], detectedOnTherapy: true }, min: 1, max: 5 }\n- fact: therapy.ongoing\n  equals: true");

    private static string Case(string? detectedOn) => $$"""
        assessedOn: 2025-06-01
        primary: { histology: adenocarcinoma, diagnosedOn: 2024-11-04 }
        history: { polymetastatic: false, oligometastatic: false }
        systemicTherapies:
          - { kind: egfr-tki, startedOn: 2024-12-02, ongoing: true, setting: first-line-metastatic }
        metastases:
          diagnosedOn: 2025-05-20
          lesions:
            - { organ: adrenal, status: progressing{{(detectedOn is null ? string.Empty : ", detectedOn: " + detectedOn)}} }
            - { organ: bone, status: stable, detectedOn: 2024-11-20 }
        """;

    private static OligoDecide.Engine.Decision Decide(string? detectedOn)
    {
        var engine = RuleSetFolder.Engine(Rules);
        return engine.Evaluate(PatientDocument.Parse(Case(detectedOn), "case.yaml").GetPatientOrThrow());
    }

    [Test]
    public void Rule_LesionDetectedAfterTherapyStarted_Fires() =>
        Assert.That(Decide("2025-05-20").Suggestions.Select(s => s.Rule), Is.EqualTo(new[] { "new-on-therapy" }));

    [Test]
    public void Rule_LesionOnTheBaselineScan_IsANearMissOnDetectedOnTherapy()
    {
        var decision = Decide("2024-12-02");
        Assert.That((decision.Suggestions.Count, decision.CouldApply.Count), Is.EqualTo((0, 0)));
        var trace = decision.Explain("new-on-therapy");
        Assert.That(trace.Where(l => l.Truth == Truth.False).Select(l => l.Condition), Has.Some.Contains("detectedOnTherapy"));
    }

    [Test]
    public void Rule_LesionWithoutDate_CouldApplyNamingTheDate()
    {
        var decision = Decide(null);
        Assert.That(decision.Suggestions, Is.Empty);
        Assert.That(decision.CouldApply.Single().Missing.Select(m => m.Fact), Is.EqualTo(new[] { "metastases.lesions[0].detectedOn" }));
    }

    [Test]
    public void Document_DetectedBeforePrimaryDiagnosis_WarnsWithItsCode()
    {
        var result = PatientDocument.Parse(Case("2024-10-01"), "case.yaml");
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Findings.Select(f => (f.Severity, f.Code, f.Line, f.Path)),
            Is.EqualTo(new[] { (Severity.Warning, FindingCodes.DetectedBeforeDiagnosis, 9, "metastases.lesions[0].detectedOn") }));
    }

    [Test]
    public void Document_DetectedAfterAssessment_IsAnError()
    {
        var result = PatientDocument.Parse(Case("2025-07-01"), "case.yaml");
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Findings.Select(f => (f.Code, f.Path)), Is.EqualTo(new[] { (FindingCodes.DateAfterAssessment, "metastases.lesions[0].detectedOn") }));
    }
}
