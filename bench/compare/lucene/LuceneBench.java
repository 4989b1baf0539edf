// LuceneBench: the Apache Lucene 4.10 peer of the engine comparison (bench/COMPARE.md).
//
//   java -cp lucene-core.jar:lucene-analyzers-common.jar:lucene-queryparser.jar:CLASSES \
//       LuceneBench --corpus C.jsonl --queries Q.tsv --index DIR --run OUT.trec
//                   [--k1 0.9] [--b 0.4] [--k 10] [--lang ar|zh|en|fr|ru|es]
//
// Reads the corpus ({"id","lang","text"} per line) into memory, indexes it (timed: adding
// documents, forceMerge(1) and close) with EnglishAnalyzer and BM25Similarity(k1, b), the
// paragraph's id and text stored (Lucene41 stored fields: LZ4 in 16 KiB chunks), as hexaglot
// stores its record, so that index sizes compare like for like; reopens it, runs every query once untimed (also warming the JIT) and once
// timed with top-k, writes the timed pass as a TREC run and prints one JSON result line.
// Documents keep corpus order as doc ids: one indexing thread and LogByteSizeMergePolicy,
// which merges only adjacent segments; the reader is checked to be one segment of all docs.
// --lang L (the quality evaluation, bench/quality_eval.sh): the language's own analyzer of
// lucene-analyzers-common with its default stop words and stemmer: ArabicAnalyzer,
// CJKAnalyzer (Han bigrams) for zh, EnglishAnalyzer, FrenchAnalyzer, RussianAnalyzer,
// SpanishAnalyzer; without it, EnglishAnalyzer as before.

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogByteSizeMergePolicy;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

public final class LuceneBench {
  private static final String[] KINDS = {"or", "and", "phrase"};

  private LuceneBench() {}

  private static void fail(String message) {
    System.err.println("LuceneBench: error: " + message);
    System.exit(2);
  }

  /** "or", "and" or "phrase", from the query's shape (COMPARE.md). */
  static String kindOf(String query) {
    if (query.startsWith("\"")) return "phrase";
    if (query.contains(" AND ")) return "and";
    return "or";
  }

  /**
   * The value of the string field `name` of a flat JSON object, or null. Enough JSON for
   * the corpus lines: strings with escapes, numbers, true/false/null; no nesting.
   */
  static String jsonString(String line, String name) {
    int i = 0;
    final int n = line.length();
    while (i < n) {
      int keyStart = line.indexOf('"', i);
      if (keyStart < 0) return null;
      StringBuilder key = new StringBuilder();
      i = readString(line, keyStart, key);
      if (i < 0) return null;
      while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == ':')) i++;
      if (i < n && line.charAt(i) == '"') {
        StringBuilder value = new StringBuilder();
        i = readString(line, i, value);
        if (i < 0) return null;
        if (key.toString().equals(name)) return value.toString();
      } else {
        while (i < n && line.charAt(i) != ',' && line.charAt(i) != '}') i++;
      }
      while (i < n && (line.charAt(i) == ',' || line.charAt(i) == ' ')) i++;
      if (i < n && line.charAt(i) == '}') return null;
    }
    return null;
  }

  /** Reads the JSON string opening at line[start] into out; the index after it, or -1. */
  private static int readString(String line, int start, StringBuilder out) {
    int i = start + 1;
    while (i < line.length()) {
      char c = line.charAt(i++);
      if (c == '"') return i;
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (i >= line.length()) return -1;
      char e = line.charAt(i++);
      switch (e) {
        case 'n': out.append('\n'); break;
        case 't': out.append('\t'); break;
        case 'r': out.append('\r'); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'u':
          if (i + 4 > line.length()) return -1;
          try {
            out.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
          } catch (NumberFormatException badEscape) {
            return -1;
          }
          i += 4;
          break;
        default: out.append(e);
      }
    }
    return -1;
  }

  /** The analyzer of --lang: the language's own; null (none given): EnglishAnalyzer. */
  static Analyzer analyzerFor(String lang) {
    if (lang == null) return new EnglishAnalyzer();
    switch (lang) {
      case "ar": return new ArabicAnalyzer();
      case "zh": return new CJKAnalyzer();
      case "en": return new EnglishAnalyzer();
      case "fr": return new FrenchAnalyzer();
      case "ru": return new RussianAnalyzer();
      case "es": return new SpanishAnalyzer();
      default:
        fail("--lang takes ar, zh, en, fr, ru or es, not " + lang);
        return null;
    }
  }

  private static long directoryBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** Nearest-rank percentile of sorted values. */
  private static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  public static void main(String[] args) throws Exception {
    String corpus = null, queriesPath = null, index = null, runPath = null;
    float k1 = 0.9f, b = 0.4f;
    int k = 10;
    String lang = null;
    if (args.length % 2 != 0) fail("flags come as --name value pairs");
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--corpus": corpus = args[i + 1]; break;
        case "--queries": queriesPath = args[i + 1]; break;
        case "--index": index = args[i + 1]; break;
        case "--run": runPath = args[i + 1]; break;
        case "--k1": k1 = Float.parseFloat(args[i + 1]); break;
        case "--b": b = Float.parseFloat(args[i + 1]); break;
        case "--k": k = Integer.parseInt(args[i + 1]); break;
        case "--lang": lang = args[i + 1]; break;
        default: fail("unknown flag " + args[i]);
      }
    }
    if (corpus == null || queriesPath == null || index == null || runPath == null || k <= 0) {
      fail("usage: LuceneBench --corpus C --queries Q --index DIR --run OUT [--k1 X --b Y --k N]");
    }

    List<String> ids = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    long textBytes = 0;
    try (BufferedReader in = Files.newBufferedReader(Paths.get(corpus), StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isEmpty()) continue;
        String id = jsonString(line, "id");
        String text = jsonString(line, "text");
        if (id == null || text == null) fail(corpus + ":" + number + ": not {\"id\",\"text\"} JSON");
        ids.add(id);
        texts.add(text);
        textBytes += text.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    List<String[]> queries = new ArrayList<>();  // {qid, query, kind}
    for (String line : Files.readAllLines(Paths.get(queriesPath), StandardCharsets.UTF_8)) {
      if (line.isEmpty()) continue;
      String[] parts = line.split("\t", 3);
      if (parts.length != 3) fail(queriesPath + ": not qid<TAB>lang<TAB>query: " + line);
      queries.add(new String[] {parts[0], parts[2], kindOf(parts[2])});
    }

    Path indexPath = Paths.get(index);
    if (Files.exists(indexPath)) {
      try (Stream<Path> files = Files.walk(indexPath)) {
        files.sorted((x, y) -> y.compareTo(x)).map(Path::toFile).forEach(File::delete);
      }
    }
    BM25Similarity similarity = new BM25Similarity(k1, b);
    Analyzer analyzer = analyzerFor(lang);
    long indexStart = System.nanoTime();
    try (FSDirectory dir = FSDirectory.open(indexPath.toFile())) {
      IndexWriterConfig config = new IndexWriterConfig(Version.LUCENE_4_10_4, analyzer);
      config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
      config.setSimilarity(similarity);
      config.setMergePolicy(new LogByteSizeMergePolicy());
      config.setRAMBufferSizeMB(64);
      try (IndexWriter writer = new IndexWriter(dir, config)) {
        Field id = new StoredField("id", "");
        Field body = new TextField("body", "", Field.Store.YES);
        Document document = new Document();
        document.add(id);
        document.add(body);
        for (int i = 0; i < texts.size(); i++) {
          id.setStringValue(ids.get(i));
          body.setStringValue(texts.get(i));
          writer.addDocument(document);
        }
        writer.forceMerge(1);
      }
    }
    double indexSeconds = (System.nanoTime() - indexStart) / 1e9;
    long indexBytes = directoryBytes(indexPath);

    int[][] hitDocs = new int[queries.size()][];
    float[][] hitScores = new float[queries.size()][];
    Map<String, List<Double>> latencies = new LinkedHashMap<>();
    Map<String, Integer> empty = new LinkedHashMap<>();
    BooleanQuery.setMaxClauseCount(65536);
    try (FSDirectory dir = FSDirectory.open(indexPath.toFile());
        DirectoryReader reader = DirectoryReader.open(dir)) {
      if (reader.leaves().size() != 1 || reader.maxDoc() != ids.size()) {
        fail("expected one segment of " + ids.size() + " documents");
      }
      IndexSearcher searcher = new IndexSearcher(reader);
      searcher.setSimilarity(similarity);
      QueryParser parser = new QueryParser("body", analyzer);
      parser.setDefaultOperator(QueryParser.Operator.OR);
      for (int pass = 0; pass < 2; pass++) {  // Pass 0 warms caches and the JIT; not timed.
        for (int i = 0; i < queries.size(); i++) {
          long start = System.nanoTime();
          Query query;
          try {
            // --lang: the queries are plain words; escape any operator character.
            String text = queries.get(i)[1];
            query = parser.parse(lang == null ? text : QueryParser.escape(text));
          } catch (ParseException e) {
            fail("query " + queries.get(i)[0] + ": " + e.getMessage());
            return;
          }
          TopDocs top = searcher.search(query, k);
          int[] docs = new int[top.scoreDocs.length];
          float[] scores = new float[top.scoreDocs.length];
          for (int r = 0; r < docs.length; r++) {
            ScoreDoc hit = top.scoreDocs[r];
            docs[r] = hit.doc;
            scores[r] = hit.score;
          }
          double ms = (System.nanoTime() - start) / 1e6;
          if (pass == 1) {
            String kind = queries.get(i)[2];
            latencies.computeIfAbsent(kind, x -> new ArrayList<>()).add(ms);
            empty.merge(kind, docs.length == 0 ? 1 : 0, Integer::sum);
            hitDocs[i] = docs;
            hitScores[i] = scores;
          }
        }
      }
    }

    try (PrintWriter run = new PrintWriter(Files.newBufferedWriter(Paths.get(runPath)))) {
      for (int i = 0; i < queries.size(); i++) {
        for (int r = 0; r < hitDocs[i].length; r++) {
          run.printf(Locale.ROOT, "%s Q0 %s %d %.6f lucene%n", queries.get(i)[0],
              ids.get(hitDocs[i][r]), r + 1, hitScores[i][r]);
        }
      }
      if (run.checkError()) fail("cannot write " + runPath);
    }

    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "{\"engine\":\"lucene\",\"version\":\"%s\",\"k1\":%s,\"b\":%s,\"docs\":%d,"
            + "\"analysis\":\"%s\",\"text_bytes\":%d,\"index_seconds\":%.6f,"
            + "\"index_bytes\":%d,\"kinds\":{",
        Version.LATEST, k1, b, ids.size(), analyzer.getClass().getSimpleName(), textBytes,
        indexSeconds, indexBytes));
    boolean first = true;
    for (String kind : KINDS) {
      List<Double> values = latencies.get(kind);
      if (values == null) continue;
      double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
      Arrays.sort(sorted);
      double sum = 0;
      for (double v : sorted) sum += v;
      out.append(String.format(Locale.ROOT,
          "%s\"%s\":{\"queries\":%d,\"empty\":%d,\"mean_ms\":%.6f,\"p50_ms\":%.6f,\"p99_ms\":%.6f}",
          first ? "" : ",", kind, sorted.length, empty.get(kind), sum / sorted.length,
          percentile(sorted, 0.5), percentile(sorted, 0.99)));
      first = false;
    }
    out.append("}}");
    System.out.println(out);
  }
}
