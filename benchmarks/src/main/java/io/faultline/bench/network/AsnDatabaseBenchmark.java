package io.faultline.bench.network;

import java.nio.file.Path;
import java.util.SplittableRandom;

import io.faultline.ingestion.network.AsnDatabase;
import io.faultline.testsupport.DataDir;

/**
 * Prints how long the public ASN dataset takes to load and how fast lookups are.
 * Run: {@code java -cp benchmarks/target/faultline-bench.jar io.faultline.bench.network.AsnDatabaseBenchmark [dir]}
 * (dir defaults to the shared sample data's asn/).
 */
public final class AsnDatabaseBenchmark {

    private AsnDatabaseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : DataDir.resolve().resolve("asn");
        long t0 = System.nanoTime();
        AsnDatabase db = AsnDatabase.load(dir);
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("load: %d ASN ranges + %d country ranges in %d ms (%d rows skipped)%n",
                db.ranges(), db.countryRanges(), loadMs, db.skippedLines());
        SplittableRandom rnd = new SplittableRandom(42);
        int n = 2_000_000;
        String[] v4 = new String[4096];
        for (int i = 0; i < v4.length; i++) {
            v4[i] = rnd.nextInt(1, 224) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256);
        }
        for (int round = 0; round < 3; round++) {
            long found = 0;
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (db.lookup(v4[i & 4095]).isPresent()) {
                    found++;
                }
            }
            double secs = (System.nanoTime() - t1) / 1e9;
            System.out.printf("round %d: %,d IPv4 lookups (parse + search + country) in %.2f s = %,.0f lookups/s, %d%% in a range%n",
                    round, n, secs, n / secs, found * 100 / n);
        }
    }
}
