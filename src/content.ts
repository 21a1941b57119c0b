/**
 * The site's configuration from `content/`, parsed once. Bundled into the worker by wrangler
 * and read by the CLI, so both run the pipeline with the same rules.
 */
import gazetteerJson from '../content/gazetteer.json'
import siteJson from '../content/site.json'
import topicsJson from '../content/topics.json'
import type { BuildConfig } from './build/job'
import type { PipelineConfig } from './pipeline'
import { parseGazetteer, parseSite, parseTopics } from './site'

export const site = parseSite(siteJson)
export const topics = parseTopics(topicsJson, parseGazetteer(gazetteerJson))
export const pipelineConfig: PipelineConfig = {
  boilerplate: site.boilerplate,
  topics: topics.topics,
}

/** Everything in `content/` a build depends on. */
export const buildConfig: BuildConfig = { site, topics: topics.topics, pipeline: pipelineConfig }
