using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Model;

namespace OligoDecide.Tests.Classification;

public sealed class UnvalidatedPatientTests
{
    [Test]
    public void Classify_LesionWithoutOrgan_IsIndeterminateNamingTheLesion()
    {
        var patient = new Patient
        {
            AssessedOn = new DateOnly(2026, 1, 1),
            Metastases = new Metastases { Lesions = [new Lesion { Organ = Organ.Liver }, new Lesion { Status = LesionStatus.New }] },
        };

        var result = OligometastaticClassifier.Default.Classify(patient);

        Assert.Multiple(() =>
        {
            Assert.That(result.State, Is.EqualTo(OligometastaticState.Indeterminate));
            Assert.That(result.Missing, Is.EqualTo(new[] { "metastases.lesions[1].organ" }));
        });
    }

    [Test]
    public void Validate_AgeOutOfRange_SaysWhatIsAllowed()
    {
        var findings = PatientDocument.Validate(new Patient { AssessedOn = new DateOnly(2026, 1, 1), AgeYears = 130 });
        Assert.That(findings.Single().Message, Is.EqualTo("age must be between 0 and 120 years; found 130"));
    }
}
