namespace OligoDecide;

/// <summary>How serious a <see cref="Finding"/> is.</summary>
public enum Severity
{
    /// <summary>The input cannot be used.</summary>
    Error,

    /// <summary>The input can be used, but something deserves a look.</summary>
    Warning,
}

/// <summary>
/// One problem found in an input document (patient case or rule file): what is wrong and where.
/// </summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">What is wrong and what was expected. Never echoes patient free text.</param>
/// <param name="Source">The file (or logical source name) the problem is in.</param>
/// <param name="Line">1-based line, or 0 when unknown.</param>
/// <param name="Column">1-based column, or 0 when unknown.</param>
/// <param name="Path">The data path of the offending value, e.g. <c>metastases.lesions[2].organ</c>; empty for the document itself.</param>
public sealed record Finding(Severity Severity, string Message, string Source, int Line, int Column, string Path)
{
    /// <summary>The stable code of this kind of problem, e.g. <c>OD0301</c> (see <see cref="FindingCodes"/>): branch on it, not on the message.</summary>
    public string Code { get; init; } = FindingCodes.Unclassified;

    /// <summary>Formats as <c>file:line:col: error: path: message</c>, the form compilers use.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{Source}:{Line}:{Column}" : Source;
        var level = Severity == Severity.Error ? "error" : "warning";
        return Path.Length > 0 ? $"{where}: {level}: {Path}: {Message}" : $"{where}: {level}: {Message}";
    }
}
