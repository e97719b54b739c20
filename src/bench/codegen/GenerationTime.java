import dev.nncompile.compiler.CompileRequest;
import dev.nncompile.compiler.CompileResult;
import dev.nncompile.compiler.NnCompiler;
import dev.nncompile.source.SourceFile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compiler time of one spec: check, derive and generate the Java source text, in one JVM (thread CPU time, so a
 * loaded machine does not inflate it). The first run includes class loading and interpretation (what one
 * `nncompile generate` costs beyond JVM start), later runs are warm.
 *
 * <p>Usage: {@code java -cp target/nncompile-maven-plugin-*-cli.jar:CLASSES GenerationTime specs/mnist-wide.nn [runs]}
 */
public final class GenerationTime {
    public static void main(String[] args) throws Exception {
        Path spec = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String text = Files.readString(spec);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            CompileResult r = NnCompiler.compile(new CompileRequest(List.of(new SourceFile(spec.toString(), text)),
                    null, null));
            int chars = 0;
            for (var m : r.models()) {
                chars += m.javaFile().toString().length();
            }
            System.out.printf("run %d: %.3f s CPU, %.3f s wall, %d chars of Java%n", i + 1,
                    (threads.getCurrentThreadCpuTime() - c0) * 1e-9, (System.nanoTime() - t0) * 1e-9, chars);
        }
    }
}
