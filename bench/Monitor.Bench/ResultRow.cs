namespace Monitor.Bench;

/// <summary>One measured figure.</summary>
internal sealed record ResultRow(string Section, string Measure, string Value, string Target, string Verdict, string Load);
