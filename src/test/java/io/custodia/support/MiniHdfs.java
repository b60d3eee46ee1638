package io.custodia.support;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * One real in-process HDFS (NameNode + DataNode) per test JVM, started on first use (6–10 s) and
 * shut down at exit. Tests use distinct directories under it.
 */
public final class MiniHdfs {
    private static MiniDFSCluster cluster;

    private MiniHdfs() {
    }

    public static synchronized URI uri() {
        if (cluster == null) {
            try {
                File base = Files.createTempDirectory("custodia-minidfs").toFile();
                Configuration conf = new Configuration();
                conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getAbsolutePath());
                conf.setBoolean("dfs.permissions.enabled", false);
                cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
                cluster.waitActive();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> cluster.shutdown(true)));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start MiniDFSCluster", e);
            }
        }
        return cluster.getURI();
    }

    public static URI path(String p) {
        return URI.create(uri().toString() + (p.startsWith("/") ? p : "/" + p));
    }
}
