// The second build regenerated nothing: every generated file has the bytes and the time the first build gave it
// (older than the marker the second build touched before nncompile ran), and javac recompiled nothing either.
import java.nio.file.Files

def target = new File(basedir, 'target')
def marker = new File(target, 'second-build-started')
assert marker.isFile() : 'the second build did not run'
long secondBuild = marker.lastModified()

def generated = new File(target, 'generated-sources/nncompile')
def snapshot = new File(target, 'first-build/generated')
def files = []
generated.eachFileRecurse { if (it.isFile()) files << it }
assert files.size() == 2 : "expected Xor.java and Iris.java, found $files"
files.each { f ->
    def before = new File(snapshot, generated.toPath().relativize(f.toPath()).toString())
    assert before.isFile() : "$f did not exist after the first build"
    assert Files.readAllBytes(f.toPath()) == Files.readAllBytes(before.toPath()) : "$f changed"
    assert f.lastModified() == before.lastModified() : "$f was rewritten"
    assert f.lastModified() < secondBuild : "$f was written during the second build"
}

// the manifest was not rewritten either (same content, so not touched)
def manifest = new File(target, 'maven-status/nncompile/generate/default/manifest')
assert manifest.isFile() && manifest.lastModified() < secondBuild

def classes = new File(target, 'classes/com/acme/Xor.class')
assert classes.lastModified() == new File(target, 'first-build/classes/com/acme/Xor.class').lastModified()

def log = new File(basedir, 'build.log').text
assert log.contains('nncompile: 2 specs in src/main/nn: 2 compiled, 0 up to date; 2 files written, 0 removed')
assert log.contains('nncompile: 2 specs in src/main/nn: 0 compiled, 2 up to date; 0 files written, 0 removed')
true
