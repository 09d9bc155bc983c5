using OligoDecide.Documents;

namespace OligoDecide.Classification;

/// <summary>The public ids (kebab-case) of states and categories, as used in documents, JSON and rules.</summary>
public static class StateIds
{
    /// <summary>Every state id, in declaration order.</summary>
    public static IReadOnlyList<string> All => KebabCase.AllNames<OligometastaticState>();

    /// <summary>The id of a state, e.g. <c>repeat-oligoprogression</c>.</summary>
    public static string Id(this OligometastaticState state) => KebabCase.Name(state);

    /// <summary>True for the nine oligometastatic states; false for polymetastatic, no metastatic disease and indeterminate.</summary>
    internal static bool IsOligometastatic(this OligometastaticState state) =>
        state is not (OligometastaticState.Polymetastatic or OligometastaticState.NoMetastaticDisease or OligometastaticState.Indeterminate);

    /// <summary>The id of a category, e.g. <c>de-novo</c>.</summary>
    public static string Id(this StateCategory category) => KebabCase.Name(category);

    /// <summary>Parses a state id.</summary>
    public static bool TryParse(string id, out OligometastaticState state) => KebabCase.TryParse(id, out state);
}
