package dev.modelsweep.activities.store;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** A {@link BlobStore} that hands every call to another; tests override the calls they watch or slow down. */
public class ForwardingBlobStore implements BlobStore {

  private final BlobStore store;

  public ForwardingBlobStore(BlobStore store) {
    this.store = store;
  }

  @Override
  public Blob put(String key, byte[] bytes) throws IOException {
    return store.put(key, bytes);
  }

  @Override
  public byte[] get(String key) throws IOException {
    return store.get(key);
  }

  @Override
  public Optional<Blob> stat(String key) throws IOException {
    return store.stat(key);
  }

  @Override
  public void delete(String key) throws IOException {
    store.delete(key);
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    return store.list(prefix);
  }

  @Override
  public String location() {
    return store.location();
  }
}
