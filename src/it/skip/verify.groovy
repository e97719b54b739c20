// With nncompile.skip=true nothing is read or generated, no manifest is written, and the log says why.
def log = new File(basedir, 'build.log').text
assert log.contains('nncompile: skipped (nncompile.skip=true)')
assert !new File(basedir, 'target/generated-sources/nncompile').exists() : 'generated despite skip'
assert !new File(basedir, 'target/maven-status/nncompile').exists() : 'manifest written despite skip'
assert !log.contains('nncompile: generated')

// the help goal lists every goal
['nncompile:generate', 'nncompile:generate-test', 'nncompile:explain', 'nncompile:help'].each {
    assert log.contains(it) : "nncompile:help does not list $it"
}
true
