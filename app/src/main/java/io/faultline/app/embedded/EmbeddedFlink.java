package io.faultline.app.embedded;

import java.net.URI;
import java.nio.file.Path;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Flink mini cluster (JobManager + one TaskManager with {@code slots} slots) in this JVM, with
 * its REST endpoint on a free loopback port. Jobs are submitted to it through the same REST
 * client a remote cluster uses ({@link #environment()}), so what runs here runs on a real
 * cluster unchanged.
 */
public final class EmbeddedFlink implements AutoCloseable {

    private final MiniCluster cluster;
    private final URI restAddress;

    private EmbeddedFlink(MiniCluster cluster, URI restAddress) {
        this.cluster = cluster;
        this.restAddress = restAddress;
    }

    public static EmbeddedFlink start(Path workDir, int slots) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, FreePorts.next());
        conf.set(CoreOptions.TMP_DIRS, workDir.resolve("tmp").toAbsolutePath().toString());
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(128));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(64));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(64));
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
        try {
            cluster.start();
            return new EmbeddedFlink(cluster, cluster.getRestAddress().get());
        } catch (Exception e) {
            cluster.closeAsync().get();
            throw e;
        }
    }

    /** An environment that submits to this cluster over REST. */
    public StreamExecutionEnvironment environment() {
        return StreamExecutionEnvironment.createRemoteEnvironment(restAddress.getHost(), restAddress.getPort(),
                new Configuration());
    }

    public URI restAddress() {
        return restAddress;
    }

    @Override
    public void close() throws Exception {
        cluster.closeAsync().get();
    }
}
