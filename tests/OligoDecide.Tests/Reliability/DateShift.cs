using OligoDecide.Model;

namespace OligoDecide.Tests.Reliability;

/// <summary>Moves every date of a patient by the same number of days.</summary>
internal static class DateShift
{
    public static Patient Shift(Patient p, int days)
    {
        DateOnly? S(DateOnly? d) => d?.AddDays(days);
        return p with
        {
            AssessedOn = p.AssessedOn.AddDays(days),
            Primary = p.Primary is null ? null : p.Primary with { DiagnosedOn = S(p.Primary.DiagnosedOn) },
            SystemicTherapies = p.SystemicTherapies?.Select(t => t with { StartedOn = S(t.StartedOn), StoppedOn = S(t.StoppedOn) }).ToList(),
            Radiotherapy = p.Radiotherapy?.Select(r => r with { StartedOn = S(r.StartedOn), StoppedOn = S(r.StoppedOn) }).ToList(),
            Metastases = p.Metastases is null ? null : p.Metastases with { DiagnosedOn = S(p.Metastases.DiagnosedOn) },
        };
    }
}
