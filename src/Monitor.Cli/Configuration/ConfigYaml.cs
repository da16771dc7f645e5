using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Monitor.Cli.Configuration;

/// <summary>
/// Turns YAML text into one document's root node, or a <see cref="ConfigException"/> with a line:
/// syntax errors, duplicate keys (named by field path), an empty file, more than one document.
/// </summary>
internal static class ConfigYaml
{
    /// <summary>Loads the single document of <paramref name="yaml"/>; null when the file holds nothing.</summary>
    public static YamlNode? LoadRoot(string yaml, string source)
    {
        YamlStream stream;
        try
        {
            CheckKeys(yaml, source);
            stream = new YamlStream();
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ConfigException(source, ConfigReader.Line(ex.Start), null, $"YAML syntax error: {ex.Message}", ex);
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new ConfigException(source, ConfigReader.Line(second.Start), null, "a second YAML document; a config file holds one ('---' starts another)");
        }

        var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        return root is YamlScalarNode scalar && ConfigReader.IsNull(scalar) ? null : root;
    }

    /// <summary>
    /// Walks the parser's events once to find duplicate and non-scalar keys, naming them by field
    /// path; the representation model would only say "Duplicate key".
    /// </summary>
    private static void CheckKeys(string yaml, string source)
    {
        var parser = new Parser(new StringReader(yaml));
        var stack = new Stack<Frame>();
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                switch (current)
                {
                    case MappingStart or SequenceStart or Scalar or AnchorAlias:
                        var path = Place(stack, current, source);
                        if (path is not null && current is MappingStart or SequenceStart)
                        {
                            stack.Push(new Frame(path, current is MappingStart));
                        }

                        break;
                    case MappingEnd or SequenceEnd:
                        stack.Pop();
                        break;
                }

                last = current.End;
            }
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet 16 throws this instead of a YamlException for some unclosed flow collections.
            throw new ConfigException(source, ConfigReader.Line(last), null, "YAML syntax error after this point; is a '[', '{' or quote left open?", ex);
        }
    }

    /// <summary>The field path of a node that is a value, or null when it is a mapping key.</summary>
    private static string? Place(Stack<Frame> stack, ParsingEvent node, string source)
    {
        if (stack.Count == 0)
        {
            return string.Empty;
        }

        var parent = stack.Peek();
        if (!parent.IsMapping)
        {
            return ConfigReader.Item(parent.Path, parent.Index++);
        }

        if (!parent.AtKey)
        {
            parent.AtKey = true;
            return ConfigReader.Child(parent.Path, parent.Key);
        }

        var line = ConfigReader.Line(node.Start);
        if (node is not Scalar key)
        {
            throw new ConfigException(source, line, parent.Path.Length == 0 ? null : parent.Path, "a key must be a plain word, not a list, a mapping or an alias");
        }

        var field = ConfigReader.Child(parent.Path, key.Value);
        if (!parent.Keys.TryAdd(key.Value, line))
        {
            throw new ConfigException(source, line, field, $"duplicate key; '{key.Value}' is already given on line {parent.Keys[key.Value]}");
        }

        parent.Key = key.Value;
        parent.AtKey = false;
        return null;
    }

    private sealed class Frame(string path, bool isMapping)
    {
        public string Path { get; } = path;

        public bool IsMapping { get; } = isMapping;

        public Dictionary<string, int> Keys { get; } = new(StringComparer.Ordinal);

        public bool AtKey { get; set; } = true;

        public string Key { get; set; } = string.Empty;

        public int Index { get; set; }
    }
}
