package io.faultline.core;
