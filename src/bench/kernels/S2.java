// Kernel microbenchmark behind src/bench/RESULTS.md ("What this branch changed"): the generated forward
// product's inner loop with 1, 4 or 8 weight rows per pass (Unr) and 4 rows x 2 samples (S2), thread CPU time.
// Run: javac -d /tmp/k S2.java && java -cp /tmp/k S2 UNITS   (UNITS = 30, 128 or 512)
import java.lang.management.*;
public class S2 {
    static final int K = 784, B = 8;
    static float[][] x = new float[B][K];
    static float[][] w, z; static int N;
    static void u4() {
        for (int k = 0; k < K; k += 4) {
            float[] a=w[k],b=w[k+1],c=w[k+2],d=w[k+3];
            for (int s = 0; s < B; s++) { float[] xr=x[s]; float i0=xr[k],i1=xr[k+1],i2=xr[k+2],i3=xr[k+3]; float[] zz=z[s];
                for (int j = 0; j < zz.length; j++) zz[j] = zz[j] + i0*a[j] + i1*b[j] + i2*c[j] + i3*d[j]; }
        }
    }
    static void u4s2() {
        for (int k = 0; k < K; k += 4) {
            float[] a=w[k],b=w[k+1],c=w[k+2],d=w[k+3];
            for (int s = 0; s < B; s += 2) { float[] xr=x[s], xq=x[s+1]; float i0=xr[k],i1=xr[k+1],i2=xr[k+2],i3=xr[k+3];
                float q0=xq[k],q1=xq[k+1],q2=xq[k+2],q3=xq[k+3]; float[] zz=z[s], zq=z[s+1];
                for (int j = 0; j < N; j++) { float aj=a[j], bj=b[j], cj=c[j], dj=d[j];
                    zz[j] = zz[j] + i0*aj + i1*bj + i2*cj + i3*dj;
                    zq[j] = zq[j] + q0*aj + q1*bj + q2*cj + q3*dj; } }
        }
    }
    static void u2s2() {
        for (int k = 0; k < K; k += 2) {
            float[] a=w[k],b=w[k+1];
            for (int s = 0; s < B; s += 2) { float[] xr=x[s], xq=x[s+1]; float i0=xr[k],i1=xr[k+1];
                float q0=xq[k],q1=xq[k+1]; float[] zz=z[s], zq=z[s+1];
                for (int j = 0; j < N; j++) { float aj=a[j], bj=b[j];
                    zz[j] = zz[j] + i0*aj + i1*bj;
                    zq[j] = zq[j] + q0*aj + q1*bj; } }
        }
    }
    public static void main(String[] args) {
        N = Integer.parseInt(args[0]);
        w = new float[K][N]; z = new float[B][N];
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            for (int v = 0; v < 3; v++) {
                for (int i = 0; i < 2000; i++) run(v);
                long c0 = t.getCurrentThreadCpuTime();
                for (int i = 0; i < 2000; i++) run(v);
                long c1 = t.getCurrentThreadCpuTime();
                double us = (c1 - c0) / 2000 / 1e3;
                System.out.printf("N=%d %s %.1f us/call %.1f GFLOP/s%n", N, v==0?"u4":v==1?"u4s2":"u2s2", us, 2.0*K*N*B/us/1e3);
            }
        }
    }
    static void run(int v) { if (v==0) u4(); else if (v==1) u4s2(); else u2s2(); }
}
