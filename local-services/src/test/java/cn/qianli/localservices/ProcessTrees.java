package cn.qianli.localservices;

import java.util.ArrayList;
import java.util.List;

/** A process and its descendants, as handles that stay valid after they exit. */
final class ProcessTrees {

    private ProcessTrees() {
    }

    static List<ProcessHandle> of(long pid) {
        ProcessHandle root = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        return tree;
    }
}
