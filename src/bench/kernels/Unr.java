// Kernel microbenchmark behind src/bench/RESULTS.md ("What this branch changed"): the generated forward
// product's inner loop with 1, 4 or 8 weight rows per pass (Unr) and 4 rows x 2 samples (S2), thread CPU time.
// Run: javac -d /tmp/k Unr.java && java -cp /tmp/k Unr UNITS   (UNITS = 30, 128 or 512)
import java.lang.management.*;
public class Unr {
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
    static void u8() {
        for (int k = 0; k < K; k += 8) {
            float[] a=w[k],b=w[k+1],c=w[k+2],d=w[k+3],e=w[k+4],f=w[k+5],g=w[k+6],h=w[k+7];
            for (int s = 0; s < B; s++) { float[] xr=x[s]; float i0=xr[k],i1=xr[k+1],i2=xr[k+2],i3=xr[k+3],i4=xr[k+4],i5=xr[k+5],i6=xr[k+6],i7=xr[k+7]; float[] zz=z[s];
                for (int j = 0; j < zz.length; j++) zz[j] = zz[j] + i0*a[j] + i1*b[j] + i2*c[j] + i3*d[j] + i4*e[j] + i5*f[j] + i6*g[j] + i7*h[j]; }
        }
    }
    static void u1() {
        for (int k = 0; k < K; k++) {
            float[] a=w[k];
            for (int s = 0; s < B; s++) { float i0=x[s][k]; float[] zz=z[s];
                for (int j = 0; j < zz.length; j++) zz[j] += i0*a[j]; }
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
                System.out.printf("N=%d u%d %.1f us/call %.1f GFLOP/s%n", N, v==0?1:v==1?4:8, us, 2.0*K*N*B/us/1e3);
            }
        }
    }
    static void run(int v) { if (v==0) u1(); else if (v==1) u4(); else u8(); }
}
