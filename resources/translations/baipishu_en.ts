<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>Baipishu</name>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>《{}》 — 白皮书阅览</source>
        <translation>《{}》 — Baipishu</translation>
    </message>
    <message>
        <source>专栏</source>
        <translation>Boxes</translation>
    </message>
    <message>
        <source>专栏卡片</source>
        <translation>Box cards</translation>
    </message>
    <message>
        <source>书签</source>
        <translation>Bookmarks</translation>
    </message>
    <message>
        <source>仅本章</source>
        <translation>This chapter only</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>全部展开</source>
        <translation>Expand all</translation>
    </message>
    <message>
        <source>全部折叠</source>
        <translation>Collapse all</translation>
    </message>
    <message>
        <source>共 {} 段</source>
        <translation>{} paragraphs</translation>
    </message>
    <message>
        <source>分词器加载中：先显示精确匹配结果，排序稍后更准确。</source>
        <translation>The word segmenter is loading: exact matches are shown now, ranking improves shortly.</translation>
    </message>
    <message>
        <source>分词器未能加载：{}</source>
        <translation>The word segmenter could not be loaded: {}</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>只看当前章节的数据</source>
        <translation>Only figures of the chapter being read</translation>
    </message>
    <message>
        <source>复制并引用</source>
        <translation>Copy with citation</translation>
    </message>
    <message>
        <source>复制数值</source>
        <translation>Copy value</translation>
    </message>
    <message>
        <source>导入失败：{}</source>
        <translation>Import failed: {}</translation>
    </message>
    <message>
        <source>导入文档</source>
        <translation>Import document</translation>
    </message>
    <message>
        <source>导入文档…</source>
        <translation>Import document…</translation>
    </message>
    <message>
        <source>导出 CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <source>导出数据卡片</source>
        <translation>Export figure cards</translation>
    </message>
    <message>
        <source>导出数据卡片为 CSV…</source>
        <translation>Export figure cards as CSV…</translation>
    </message>
    <message>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>已删除书签</source>
        <translation>Bookmark removed</translation>
    </message>
    <message>
        <source>已加书签</source>
        <translation>Bookmark added</translation>
    </message>
    <message>
        <source>已取消导入</source>
        <translation>Import cancelled</translation>
    </message>
    <message>
        <source>已复制（含引用）</source>
        <translation>Copied with citation</translation>
    </message>
    <message>
        <source>已复制：{}</source>
        <translation>Copied: {}</translation>
    </message>
    <message>
        <source>引用格式</source>
        <translation>Citation style</translation>
    </message>
    <message>
        <source>您是不是要找：{}</source>
        <translation>Did you mean: {}</translation>
    </message>
    <message>
        <source>按出现顺序</source>
        <translation>In reading order</translation>
    </message>
    <message>
        <source>按拼音：{}</source>
        <translation>Read as pinyin: {}</translation>
    </message>
    <message>
        <source>按数值大小</source>
        <translation>By value</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>搜索出错：{}</source>
        <translation>Search failed: {}</translation>
    </message>
    <message>
        <source>搜索结果</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>搜索范围</source>
        <translation>Search scope</translation>
    </message>
    <message>
        <source>数据</source>
        <translation>Figures</translation>
    </message>
    <message>
        <source>数据卡片</source>
        <translation>Figure cards</translation>
    </message>
    <message>
        <source>数据排序</source>
        <translation>Sort figures</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>文库已重建</source>
        <translation>The library was rebuilt</translation>
    </message>
    <message>
        <source>文档 (*.txt *.md *.pdf *.docx *.html *.htm);;所有文件 (*)</source>
        <translation>Documents (*.txt *.md *.pdf *.docx *.html *.htm);;All files (*)</translation>
    </message>
    <message>
        <source>无法导入</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <source>无法打开文库</source>
        <translation>Cannot open the library</translation>
    </message>
    <message>
        <source>正在打开…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <source>正在导入 {}…</source>
        <translation>Importing {}…</translation>
    </message>
    <message>
        <source>标题 {} 处</source>
        <translation>{} in headings</translation>
    </message>
    <message>
        <source>正在载入全文…</source>
        <translation>Loading the rest of the document…</translation>
    </message>
    <message>
        <source>无法载入全文：{}</source>
        <translation>Could not load the whole document: {}</translation>
    </message>
    <message>
        <source>题名</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Heading</translation>
    </message>
    <message>
        <source>正文</source>
        <translation>Body text</translation>
    </message>
    <message>
        <source>正文未提及</source>
        <translation>not mentioned in the text</translation>
    </message>
    <message>
        <source>白皮书阅览</source>
        <translation>Baipishu</translation>
    </message>
    <message>
        <source>白皮书阅览 Baipishu</source>
        <translation>Baipishu – white paper reader</translation>
    </message>
    <message>
        <source>目录</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>章</source>
        <translation>Chapter</translation>
    </message>
    <message>
        <source>第{}段</source>
        <translation>¶{}</translation>
    </message>
    <message>
        <source>筛选数据</source>
        <translation>Filter figures</translation>
    </message>
    <message>
        <source>筛选数据（文字或单位，如 亿元、%）</source>
        <translation>Filter figures (text or unit, e.g. 亿元, %)</translation>
    </message>
    <message>
        <source>筛选目录</source>
        <translation>Filter contents</translation>
    </message>
    <message>
        <source>纯文本</source>
        <translation>Plain text</translation>
    </message>
    <message>
        <source>节</source>
        <translation>Section</translation>
    </message>
    <message>
        <source>要点</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>见于：{}</source>
        <translation>Mentioned in: {}</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>链接指向的段落不在这份文档中。</source>
        <translation>The link points to a paragraph that is not in this document.</translation>
    </message>
    <message>
        <source>页内找到 {} 处</source>
        <translation>{} matches in the page</translation>
    </message>
    <message>
        <source>页内查找</source>
        <translation>Find in page</translation>
    </message>
    <message>
        <source>页内查找（Enter 下一个，Shift+Enter 上一个，Esc 关闭）</source>
        <translation>Find in page (Enter next, Shift+Enter previous, Esc close)</translation>
    </message>
    <message>
        <source>（前文未收录）</source>
        <translation> (not in this excerpt)</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>［原文至此中断：转载的文本在句中结束］</source>
        <translation>[The text breaks off here: the reprint ends mid-sentence]</translation>
    </message>
    <message>
        <source>［本文为节选，开头之前的内容未收录］</source>
        <translation>[This is an excerpt: the text before it is not included]</translation>
    </message>
    <message>
        <source>［版面标记：{}］</source>
        <translation>[Page marker: {}]</translation>
    </message>
    <message>
        <source>编</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>序言</source>
        <translation>Preface</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Annex</translation>
    </message>
    <message>
        <source>条</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>（重复）</source>
        <translation> (repeated)</translation>
    </message>
    <message>
        <source>作者（报告人）</source>
        <translation>Author (who delivered it)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>其他文本</source>
        <translation>Other text</translation>
    </message>
    <message>
        <source>出版地</source>
        <translation>Place of publication</translation>
    </message>
    <message>
        <source>副标题</source>
        <translation>Subtitle</translation>
    </message>
    <message>
        <source>发布机关</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <source>官方网址</source>
        <translation>Official address</translation>
    </message>
    <message>
        <source>已保存文档属性</source>
        <translation>Document properties saved</translation>
    </message>
    <message>
        <source>已删除书签：{}</source>
        <translation>Bookmark removed: {}</translation>
    </message>
    <message>
        <source>已加书签：{}</source>
        <translation>Bookmark added: {}</translation>
    </message>
    <message>
        <source>已复制（含引用）：{}　{}</source>
        <translation>Copied with citation: {}  {}</translation>
    </message>
    <message>
        <source>已复制：{}　{}</source>
        <translation>Copied: {}  {}</translation>
    </message>
    <message>
        <source>当前段落</source>
        <translation>Current passage</translation>
    </message>
    <message>
        <source>意见（公文）</source>
        <translation>Opinion (official document)</translation>
    </message>
    <message>
        <source>政府工作报告</source>
        <translation>Government work report</translation>
    </message>
    <message>
        <source>文体</source>
        <translation>Genre</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <source>文本</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>文档属性</source>
        <translation>Document properties</translation>
    </message>
    <message>
        <source>文档属性…</source>
        <translation>Document Properties…</translation>
    </message>
    <message>
        <source>文献类别</source>
        <translation>Kind of document</translation>
    </message>
    <message>
        <source>日期（YYYY-MM-DD）</source>
        <translation>Date (YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>法律</source>
        <translation>Law</translation>
    </message>
    <message>
        <source>法规、规章</source>
        <translation>Regulation or rule</translation>
    </message>
    <message>
        <source>白皮书</source>
        <translation>White paper</translation>
    </message>
    <message>
        <source>节选：否</source>
        <translation>Excerpt: no</translation>
    </message>
    <message>
        <source>节选：是（引用时注明）</source>
        <translation>Excerpt: yes (citations say so)</translation>
    </message>
    <message>
        <source>通知（公文）</source>
        <translation>Notice (official document)</translation>
    </message>
    <message>
        <source>节选开头部分（标题不在文本中）</source>
        <translation>Opening part of the excerpt (its headings are not in the text)</translation>
    </message>
    <message>
        <source>个数</source>
        <translation>Counts</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>减少</source>
        <translation>decrease</translation>
    </message>
    <message>
        <source>单位类别</source>
        <translation>Unit family</translation>
    </message>
    <message>
        <source>变化：{} → {}（{}{}）</source>
        <translation>Change: {} → {} ({}{})</translation>
    </message>
    <message>
        <source>含法定限值</source>
        <translation>Legal limits</translation>
    </message>
    <message>
        <source>增长</source>
        <translation>increase</translation>
    </message>
    <message>
        <source>时间期限</source>
        <translation>Time and terms</translation>
    </message>
    <message>
        <source>显示法律法规规定的限值（如三年以下）</source>
        <translation>Show the limits laws and regulations set (such as 三年以下)</translation>
    </message>
    <message>
        <source>法定限值</source>
        <translation>legal limit</translation>
    </message>
    <message>
        <source>电力能源</source>
        <translation>Power and energy</translation>
    </message>
    <message>
        <source>百分比</source>
        <translation>Percent</translation>
    </message>
    <message>
        <source>百分点</source>
        <translation>Percentage points</translation>
    </message>
    <message>
        <source>计：{}</source>
        <translation>counts: {}</translation>
    </message>
    <message>
        <source>重量</source>
        <translation>Mass</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Money</translation>
    </message>
    <message>
        <source>长度</source>
        <translation>Length</translation>
    </message>
    <message>
        <source>面积</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>{}（{} 项）</source>
        <translation>{} ({} figures)</translation>
    </message>
    <message>
        <source>图表</source>
        <translation>Chart</translation>
    </message>
    <message>
        <source>导出 PNG</source>
        <translation>Export PNG</translation>
    </message>
    <message>
        <source>导出 SVG</source>
        <translation>Export SVG</translation>
    </message>
    <message>
        <source>导出图表</source>
        <translation>Export chart</translation>
    </message>
    <message>
        <source>导出图表为 {}</source>
        <translation>Export the chart as {}</translation>
    </message>
    <message>
        <source>数据图表</source>
        <translation>Figure chart</translation>
    </message>
    <message>
        <source>数据系列</source>
        <translation>Series of figures</translation>
    </message>
    <message>
        <source>无法写入 {}：{}</source>
        <translation>Cannot write {}: {}</translation>
    </message>
    <message>
        <source>本文档没有可成图的数据系列</source>
        <translation>This document has no series of figures to chart</translation>
    </message>
    <message>
        <source>图片未能写入</source>
        <translation>the image could not be written</translation>
    </message>
    <message>
        <source>{} 字</source>
        <translation>{} chars</translation>
    </message>
    <message>
        <source>{}类</source>
        <translation>{}s</translation>
    </message>
    <message>
        <source>{}：{}</source>
        <translation>{}: {}</translation>
    </message>
    <message>
        <source>从文库中删除《{}》？书签和笔记会保留；关闭窗口前可以撤销。</source>
        <translation>Remove 《{}》 from the library? Bookmarks and notes are kept; you can undo this until the window closes.</translation>
    </message>
    <message>
        <source>全部文档</source>
        <translation>All documents</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>Remove…</translation>
    </message>
    <message>
        <source>删除文档</source>
        <translation>Remove document</translation>
    </message>
    <message>
        <source>另一个导入正在进行，请稍候。</source>
        <translation>Another import is in progress; please wait.</translation>
    </message>
    <message>
        <source>字数</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>导入文件夹</source>
        <translation>Import folder</translation>
    </message>
    <message>
        <source>导入文件夹…</source>
        <translation>Import Folder…</translation>
    </message>
    <message>
        <source>属性…</source>
        <translation>Properties…</translation>
    </message>
    <message>
        <source>已删除《{}》（可撤销）</source>
        <translation>Removed 《{}》 (can be undone)</translation>
    </message>
    <message>
        <source>已导入 {} 个文件，未导入 {} 个。</source>
        <translation>Imported {} files; {} not imported.</translation>
    </message>
    <message>
        <source>已恢复《{}》</source>
        <translation>Restored 《{}》</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>搜索哪些文档</source>
        <translation>Which documents to search</translation>
    </message>
    <message>
        <source>撤销删除</source>
        <translation>Undo removal</translation>
    </message>
    <message>
        <source>文件夹 {} 中没有可导入的文本文件。</source>
        <translation>Folder {} has no text files to import.</translation>
    </message>
    <message>
        <source>文库</source>
        <translation>Library</translation>
    </message>
    <message>
        <source>无法读取文件夹 {}：{}</source>
        <translation>Cannot read folder {}: {}</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>本文档</source>
        <translation>This document</translation>
    </message>
    <message>
        <source>正在导入 {} 个文件…</source>
        <translation>Importing {} files…</translation>
    </message>
    <message>
        <source>（内置）</source>
        <translation> (bundled)</translation>
    </message>
    <message>
        <source>无匹配</source>
        <translation>No match</translation>
    </message>
    <message>
        <source>查找中…</source>
        <translation>Finding…</translation>
    </message>
    <message>
        <source>页内查找结果</source>
        <translation>Find in page: matches</translation>
    </message>
    <message>
        <source>中文分词</source>
        <translation>Chinese word segmentation</translation>
    </message>
    <message>
        <source>中文字体</source>
        <translation>the Chinese font</translation>
    </message>
    <message>
        <source>书签(&amp;B)</source>
        <translation>&amp;Bookmarks</translation>
    </message>
    <message>
        <source>书签列表</source>
        <translation>Bookmark list</translation>
    </message>
    <message>
        <source>使用指南</source>
        <translation>User guide</translation>
    </message>
    <message>
        <source>全文搜索</source>
        <translation>Search the library</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>Select all</translation>
    </message>
    <message>
        <source>公有领域</source>
        <translation>Public domain</translation>
    </message>
    <message>
        <source>关于白皮书阅览</source>
        <translation>About Baipishu</translation>
    </message>
    <message>
        <source>写入数据库</source>
        <translation>writing the database</translation>
    </message>
    <message>
        <source>删除文档…</source>
        <translation>Remove document…</translation>
    </message>
    <message>
        <source>前往(&amp;G)</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <source>前进</source>
        <translation>Forward</translation>
    </message>
    <message>
        <source>原始大小</source>
        <translation>Actual size</translation>
    </message>
    <message>
        <source>后退</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>命令</source>
        <translation>Command</translation>
    </message>
    <message>
        <source>在正文中打开</source>
        <translation>Open in the text</translation>
    </message>
    <message>
        <source>复制数据卡片并引用</source>
        <translation>Copy figure card with citation</translation>
    </message>
    <message>
        <source>复制段落</source>
        <translation>Copy paragraph</translation>
    </message>
    <message>
        <source>字体许可全文：</source>
        <translation>The font's licence in full: </translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>打开并复制引用</source>
        <translation>Open and copy with citation</translation>
    </message>
    <message>
        <source>拼音搜索</source>
        <translation>pinyin search</translation>
    </message>
    <message>
        <source>按键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>提取网页正文</source>
        <translation>finding a web page's text</translation>
    </message>
    <message>
        <source>搜索选中的文字</source>
        <translation>Search for the selection</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>文库存放位置</source>
        <translation>where the library is kept</translation>
    </message>
    <message>
        <source>文库数据库和全文索引</source>
        <translation>the library's database and its full-text index</translation>
    </message>
    <message>
        <source>文档开头</source>
        <translation>Start of document</translation>
    </message>
    <message>
        <source>显示书签列表</source>
        <translation>Show bookmark list</translation>
    </message>
    <message>
        <source>显示右侧面板</source>
        <translation>Show right panel</translation>
    </message>
    <message>
        <source>显示左侧面板</source>
        <translation>Show left panel</translation>
    </message>
    <message>
        <source>查找上一个</source>
        <translation>Find previous</translation>
    </message>
    <message>
        <source>查找下一个</source>
        <translation>Find next</translation>
    </message>
    <message>
        <source>添加或删除书签</source>
        <translation>Add or remove bookmark</translation>
    </message>
    <message>
        <source>白皮书《人类减贫的中国实践》</source>
        <translation>White paper: Poverty Alleviation: China's Experience</translation>
    </message>
    <message>
        <source>离线阅读、检索和引用中国政策文件。程序不联网。</source>
        <translation>Read, search and cite Chinese policy documents offline. The program never goes online.</translation>
    </message>
    <message>
        <source>窗口界面</source>
        <translation>the window</translation>
    </message>
    <message>
        <source>简繁统一</source>
        <translation>simplified/traditional folding</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>菜单</source>
        <translation>Menu</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>解释器</source>
        <translation>the interpreter</translation>
    </message>
    <message>
        <source>读取 Markdown</source>
        <translation>reading Markdown</translation>
    </message>
    <message>
        <source>读取 PDF</source>
        <translation>reading PDFs</translation>
    </message>
    <message>
        <source>读取 Word 文件</source>
        <translation>reading Word files</translation>
    </message>
    <message>
        <source>读取 Word 文件和网页</source>
        <translation>reading Word files and web pages</translation>
    </message>
    <message>
        <source>键盘快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>随附的白皮书已从文库删除。</source>
        <translation>The bundled white paper was removed from the library.</translation>
    </message>
    <message>
        <source>随附的组件及其许可</source>
        <translation>Components shipped and their licences</translation>
    </message>
    <message>
        <source>页内查找…</source>
        <translation>Find in page…</translation>
    </message>
    <message>
        <source>引用格式(&amp;Y)：</source>
        <translation>Citation st&amp;yle:</translation>
    </message>
    <message>
        <source>搜索全文（Ctrl+K）：扶贫 光伏、贫困 OR 脱贫、"小额信贷"、guangfu</source>
        <translation>Search the full text (Ctrl+K): 扶贫 光伏, 贫困 OR 脱贫, "小额信贷", guangfu</translation>
    </message>
    <message>
        <source>文档(&amp;D)：</source>
        <translation>&amp;Documents:</translation>
    </message>
    <message>
        <source>范围(&amp;R)：</source>
        <translation>&amp;Range:</translation>
    </message>
    <message>
        <source>Markdown 文件 (*.md)</source>
        <translation>Markdown files (*.md)</translation>
    </message>
    <message>
        <source>导出笔记为 Markdown</source>
        <translation>Export notes as Markdown</translation>
    </message>
    <message>
        <source>导出笔记为 Markdown…</source>
        <translation>Export notes as Markdown…</translation>
    </message>
    <message>
        <source>已导出笔记：{}</source>
        <translation>Notes exported: {}</translation>
    </message>
    <message>
        <source>已标记：{}</source>
        <translation>Highlighted: {}</translation>
    </message>
    <message>
        <source>添加笔记</source>
        <translation>Add note</translation>
    </message>
    <message>
        <source>添加笔记…</source>
        <translation>Add note…</translation>
    </message>
    <message>
        <source>笔记</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>笔记：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>粉色</source>
        <translation>Pink</translation>
    </message>
    <message>
        <source>绿色</source>
        <translation>Green</translation>
    </message>
    <message>
        <source>编辑笔记</source>
        <translation>Edit note</translation>
    </message>
    <message>
        <source>编辑笔记…</source>
        <translation>Edit note…</translation>
    </message>
    <message>
        <source>蓝色</source>
        <translation>Blue</translation>
    </message>
    <message>
        <source>请先在正文中选择要标记的文字。</source>
        <translation>Select the text to highlight in the reader first.</translation>
    </message>
    <message>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>高亮</source>
        <translation>Highlight</translation>
    </message>
    <message>
        <source>高亮选中的文字</source>
        <translation>Highlight the selection</translation>
    </message>
    <message>
        <source>黄色</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <source>（原段落已不在文库中）</source>
        <translation>(its paragraph is no longer in the library)</translation>
    </message>
    <message>
        <source>书签名称：</source>
        <translation>Bookmark name:</translation>
    </message>
    <message>
        <source>重命名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>重命名书签</source>
        <translation>Rename bookmark</translation>
    </message>
    <message>
        <source>本文是节选，要找的内容可能在未收录的部分</source>
        <translation>this text is an excerpt: what you look for may be in the part it lacks</translation>
    </message>
    <message>
        <source>筛选条件之外另有 {} 段</source>
        <translation>{} more outside the filters</translation>
    </message>
    <message>
        <source>{}-笔记.md</source>
        <translation>{}-notes.md</translation>
    </message>
    <message>
        <source>左侧面板</source>
        <translation>Left panel</translation>
    </message>
    <message>
        <source>右侧面板</source>
        <translation>Right panel</translation>
    </message>
</context>
</TS>
