// After the edits: the changed spec's class was regenerated, the deleted spec's class (and its empty package
// folder) removed, and the unchanged spec's class left exactly as it was.
import java.nio.file.Files

def target = new File(basedir, 'target')
def marker = new File(target, 'second-build-started')
assert marker.isFile() : 'the second build did not run'
long secondBuild = marker.lastModified()
def generated = new File(target, 'generated-sources/nncompile/com/acme')
def snapshot = new File(target, 'first-build/generated/com/acme')

def keep = new File(generated, 'Keep.java')
assert Files.readAllBytes(keep.toPath()) == Files.readAllBytes(new File(snapshot, 'Keep.java').toPath())
assert keep.lastModified() < secondBuild : 'Keep.java was rewritten though Keep.nn did not change'

def change = new File(generated, 'Change.java')
assert change.lastModified() >= secondBuild : 'Change.java was not regenerated'
assert change.text != new File(snapshot, 'Change.java').text : 'Change.java does not reflect the edit'

assert new File(snapshot, 'gone/Gone.java').isFile() : 'the first build did not generate Gone.java'
assert !new File(generated, 'gone/Gone.java').exists() : 'Gone.java survived the deletion of Gone.nn'
assert !new File(generated, 'gone').exists() : 'the empty package folder was left behind'

def manifest = new File(target, 'maven-status/nncompile/generate/default/manifest').text
assert manifest.contains(' com/acme/Keep.nn') && manifest.contains(' com/acme/Change.nn')
assert !manifest.contains('Gone')

def log = new File(basedir, 'build.log').text
assert log.contains('nncompile: 3 specs in src/main/nn: 3 compiled, 0 up to date; 3 files written, 0 removed')
assert log.contains('nncompile: removed obsolete target/generated-sources/nncompile/com/acme/gone/Gone.java')
assert log.contains('nncompile: 2 specs in src/main/nn: 1 compiled, 1 up to date; 1 file written, 1 removed')
true
