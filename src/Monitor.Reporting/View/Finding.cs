namespace Monitor.Reporting.View;

/// <summary>One finding of the report as a sentence, with the weight that ranks it.</summary>
/// <param name="Score">Higher first.</param>
/// <param name="Text">The sentence (already safe text).</param>
/// <param name="Sites">Sites it names (the HTML's site filter).</param>
internal sealed record Finding(double Score, string Text, IReadOnlyList<string> Sites);
