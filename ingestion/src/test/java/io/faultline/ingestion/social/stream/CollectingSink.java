package io.faultline.ingestion.social.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.faultline.avro.DeadLetter;
import io.faultline.avro.SocialPost;

/** Test sink: keeps what it is given. */
final class CollectingSink implements SocialSink {

    final List<SocialPost> posts = Collections.synchronizedList(new ArrayList<>());
    final List<DeadLetter> deadLetters = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void post(SocialPost post) {
        posts.add(post);
    }

    @Override
    public void deadLetter(DeadLetter deadLetter) {
        deadLetters.add(deadLetter);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    List<String> postIds() {
        synchronized (posts) {
            return posts.stream().map(SocialPost::getPostId).toList();
        }
    }

    List<String> deadLetterTypes() {
        synchronized (deadLetters) {
            return deadLetters.stream().map(DeadLetter::getErrorType).toList();
        }
    }
}
