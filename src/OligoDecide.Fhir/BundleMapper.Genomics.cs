using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using OligoDecide.Model;

namespace OligoDecide.Fhir;

internal sealed partial class BundleMapper
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private void ReadVariant(Observation o, Entry entry, State s)
    {
        var genes = o.Component.Where(c => c.Code?.Coding.Any(x => x.System == Mcode.Loinc && x.Code == CodeTables.GeneStudied) ?? false)
            .Select(c => c.Value as CodeableConcept).ToList();
        if (genes.Count == 0)
        {
            Warn(entry, $"the genomic variant has no gene-studied component (LOINC 48018-6); no biomarker is read from it", "biomarkers");
            Ignore(entry, "no gene-studied component");
            return;
        }

        var known = new List<Gene>();
        foreach (var gene in genes)
        {
            var hgnc = gene?.Coding.Where(x => Mcode.Hgnc.Contains(x.System?.TrimEnd('/') ?? string.Empty, StringComparer.OrdinalIgnoreCase)).ToList() ?? [];
            if (hgnc.Count == 0)
            {
                Warn(entry, $"gene-studied {Codes(gene)} has no HGNC code; the gene is not read", "biomarkers");
                continue;
            }

            var row = hgnc.FirstOrDefault(x => CodeTables.Contains(CodeTables.Genes, x.System, x.Code));
            if (row is not null)
            {
                known.Add(CodeTables.Find(CodeTables.Genes, row.System, row.Code));
            }
        }

        if (known.Count == 0)
        {
            Ignore(entry, "the genes studied are not ones OligoDecide reads (EGFR, ALK, ROS1, KRAS)");
            return;
        }

        var present = Presence(o, entry);
        var variant = string.Join(" | ", o.Component
            .Where(c => c.Code?.Coding.Any(x => x.System == Mcode.Loinc && x.Code is CodeTables.VariationCode or CodeTables.ProteinHgvs) ?? false)
            .SelectMany(c => c.Value is CodeableConcept cc ? cc.Coding.SelectMany(x => new[] { x.Code, x.Display }).Append(cc.Text) : [c.Value is FhirString fs ? fs.Value : null])
            .Where(t => !string.IsNullOrWhiteSpace(t)));
        foreach (var gene in known.Distinct())
        {
            if (!s.GeneResults.TryGetValue(gene, out var list))
            {
                s.GeneResults[gene] = list = [];
            }

            list.Add(new GeneResult(entry, present, variant.Length > 0 ? variant : null, Mcode.GenomicVariant));
        }
    }

    /// <summary>Present / absent from value[x] and interpretation; null (with a warning) when absent, unknown or contradictory.</summary>
    private bool? Presence(Observation o, Entry entry)
    {
        var answers = new List<bool>();
        var unknown = new List<string>();
        foreach (var cc in new[] { o.Value as CodeableConcept }.Concat(o.Interpretation))
        {
            if (cc is null)
            {
                continue;
            }

            var row = cc.Coding.FirstOrDefault(x => CodeTables.Contains(CodeTables.VariantPresence, x.System, x.Code));
            if (row is null)
            {
                unknown.Add(Codes(cc));
            }
            else
            {
                answers.Add(CodeTables.Find(CodeTables.VariantPresence, row.System, row.Code));
            }
        }

        if (answers.Distinct().Count() == 1)
        {
            return answers[0];
        }

        Warn(answers.Count > 1
            ? $"{entry.Ref}: value and interpretation disagree on whether the variant is present; the biomarker stays missing"
            : $"{entry.Ref}: presence {(unknown.Count > 0 ? string.Join("; ", unknown) : "not recorded")} is not in the presence table (LOINC LA9633-4 / LA9634-2, SNOMED CT 10828004 / 260385009); the biomarker stays missing", "biomarkers");
        return null;
    }

    /// <summary>Turns every gene's results into one status each; conflicting results leave the status missing.</summary>
    private void ResolveGenes(State s)
    {
        foreach (var (gene, results) in s.GeneResults)
        {
            var path = gene switch { Gene.Egfr => "biomarkers.egfr", Gene.Alk => "biomarkers.alk", Gene.Ros1 => "biomarkers.ros1", _ => "biomarkers.kras" };
            var statuses = results.Select(r => (Result: r, Status: Status(gene, r))).ToList();
            var decided = statuses.Where(x => x.Status is not null).ToList();
            if (decided.Count == 0)
            {
                continue;
            }

            if (decided.Select(x => x.Status).Distinct().Count() > 1)
            {
                Warn($"{string.Join(", ", decided.Select(x => x.Result.Entry.Ref))} give different {gene.ToString().ToUpperInvariant()} results; {path} stays missing", path);
                continue;
            }

            var status = decided[0].Status!;
            switch (gene)
            {
                case Gene.Egfr: s.Egfr = (EgfrStatus)status; break;
                case Gene.Alk: s.Alk = (MarkerStatus)status; break;
                case Gene.Ros1: s.Ros1 = (MarkerStatus)status; break;
                default: s.Kras = (KrasStatus)status; break;
            }

            foreach (var (result, _) in decided)
            {
                Fact(path, result.Entry, result.Profile);
            }
        }
    }

    /// <summary>The status one result gives, or null (with a warning) when it cannot be told without guessing.</summary>
    private object? Status(Gene gene, GeneResult r)
    {
        var path = $"biomarkers.{gene.ToString().ToLowerInvariant()}";
        if (r.Present is null)
        {
            return null;
        }

        if (r.Present == false)
        {
            // "Absent" for the gene as a whole is a negative result; "absent" for one named variant says nothing about the others.
            if (r.Variant is not null && gene is Gene.Egfr or Gene.Kras)
            {
                Warn(r.Entry, $"one {gene.ToString().ToUpperInvariant()} variant is absent, which does not rule out others; {path} stays missing", path);
                return null;
            }

            return gene switch { Gene.Egfr => EgfrStatus.Negative, Gene.Kras => KrasStatus.Negative, _ => MarkerStatus.Negative };
        }

        switch (gene)
        {
            case Gene.Alk:
            case Gene.Ros1:
                return MarkerStatus.Positive;
            case Gene.Egfr:
                var egfr = r.Variant is null ? null : Egfr(r.Variant);
                if (egfr is null)
                {
                    Warn(r.Entry, $"an EGFR variant is present but {(r.Variant is null ? "not named" : "not one the mapper reads (exon 19 deletion, L858R, exon 20 insertion)")}; {path} stays missing", path);
                }

                return egfr;
            default:
                var kras = r.Variant is null ? null : Kras(r.Variant);
                if (kras is null)
                {
                    Warn(r.Entry, $"a KRAS variant is present but its protein change is {(r.Variant is null ? "not named" : "not read")}; {path} stays missing", path);
                }

                return kras;
        }
    }

    private static EgfrStatus? Egfr(string v)
    {
        if (Regex.IsMatch(v, @"p\.\(?(L858R|Leu858Arg)\)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout) || Regex.IsMatch(v, @"\bL858R\b", RegexOptions.CultureInvariant, RegexTimeout))
        {
            return EgfrStatus.L858r;
        }

        if (Regex.IsMatch(v, @"exon\s*19\s*del", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout)
            || Regex.IsMatch(v, @"p\.\(?(E746_A750del|Glu746_Ala750del)\)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout))
        {
            return EgfrStatus.Exon19Deletion;
        }

        return Regex.IsMatch(v, @"exon\s*20\s*ins", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout) ? EgfrStatus.Exon20Insertion : null;
    }

    private static KrasStatus? Kras(string v)
    {
        if (Regex.IsMatch(v, @"p\.\(?(G12C|Gly12Cys)\)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout))
        {
            return KrasStatus.G12c;
        }

        // Any other named protein substitution is a KRAS mutation that is not G12C.
        return Regex.IsMatch(v, @"p\.\(?([A-Z]|[A-Z][a-z]{2})\d+([A-Z]|[A-Z][a-z]{2})\)?", RegexOptions.CultureInvariant, RegexTimeout) ? KrasStatus.Other : null;
    }
}
