/**
 * The service's rules, independent of HTTP: tasks and their heads, examples, tuning jobs, API keys,
 * and the batcher that shares encoder calls between concurrent requests.
 */
package dev.labeltune.server.service;
