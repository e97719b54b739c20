// <simd>true</simd>: the generated com.acme.Xor imports the Vector API, javac compiled it with the incubator module,
// and the test that trains it ran (with the module added by surefire's argLine) and passed.
def generated = new File(basedir, 'target/generated-sources/nncompile/com/acme/Xor.java')
assert generated.isFile() : "missing $generated"
assert generated.text.contains('package com.acme;')
assert generated.text.contains('import jdk.incubator.vector.FloatVector;') : 'the class does not use the Vector API'
assert new File(basedir, 'target/classes/com/acme/Xor.class').isFile()

// the second execution generated the plain class of the same spec: no incubator module
def plain = new File(basedir, 'target/generated-sources/nncompile-plain/com/acme/plain/Xor.java')
assert plain.isFile() : "missing $plain"
assert !plain.text.contains('jdk.incubator.vector')

def log = new File(basedir, 'build.log').text
assert log.contains('nncompile: generated com.acme.Xor')
assert log.contains('nncompile: generated com.acme.plain.Xor')
assert log.contains('using incubating module(s)') : 'javac was not given --add-modules jdk.incubator.vector'
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0') : 'SimdXorTest did not run or did not pass'
assert !log.contains('[WARNING] Parameter') : 'the plugin configuration produced a warning'

// the kernels are a staleness setting, recorded per execution
def manifest = new File(basedir, 'target/maven-status/nncompile/generate/default/manifest')
assert manifest.isFile() : 'no staleness manifest'
assert manifest.text.contains('setting kernels=simd')
def plainManifest = new File(basedir, 'target/maven-status/nncompile/generate/plain/manifest')
assert plainManifest.text.contains('setting kernels=plain')
true
